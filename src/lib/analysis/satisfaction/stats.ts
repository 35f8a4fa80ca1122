// CSAT and NPS of a set of survey responses, and each customer's latest answer (DOMAIN §7b).
import type { SqlValue } from '../sql';
import { median } from '../concentration';

export { median };

/** One survey response (a feedback row or an order row carrying a score). */
export interface SurveyResponse {
  customerId: string;
  /** `YYYY-MM-DD`. */
  date: string;
  /** 1–5, or null when not answered. */
  csat: number | null;
  /** 0–10, or null when not answered. */
  nps: number | null;
  comment: string | null;
  source: 'feedback' | 'orders';
  /** The feedback table's dimension values (nulls for an order row). */
  dims: (string | null)[];
}

/** Reads a row of `buildResponsesSql`. */
export function toResponse(row: readonly SqlValue[]): SurveyResponse {
  const num = (v: SqlValue) => (v === null || v === '' ? null : Number(v));
  return {
    customerId: String(row[0]),
    date: String(row[1]).slice(0, 10),
    csat: num(row[2]),
    nps: num(row[3]),
    comment: row[4] === null ? null : String(row[4]),
    source: row[5] === 1 ? 'orders' : 'feedback',
    dims: row.slice(7).map((v) => (v === null ? null : String(v)))
  };
}

/** A CSAT answer counts as satisfied at 4 or 5 of 5. */
export const isSatisfied = (csat: number) => csat >= 4;

/** NPS groups: promoter 9–10, passive 7–8, detractor 0–6. */
export type NpsGroup = 'promoter' | 'passive' | 'detractor';
export const NPS_GROUPS: readonly NpsGroup[] = ['promoter', 'passive', 'detractor'];

export function npsGroup(nps: number): NpsGroup {
  return nps >= 9 ? 'promoter' : nps > 6 ? 'passive' : 'detractor';
}

/** CSAT and NPS of a set of responses. */
export interface SatisfactionStats {
  /** Responses (any answer: a CSAT, an NPS or a comment). */
  responses: number;
  /** Responses with a CSAT, and how many of them are 4–5. */
  csatResponses: number;
  satisfied: number;
  /** satisfied / csatResponses (null without a CSAT answer). */
  csat: number | null;
  npsResponses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** (promoters − detractors) / npsResponses × 100, in points (null without an NPS answer). */
  nps: number | null;
  /** Distinct customers who answered. */
  customers: number;
  /** Customers whose latest CSAT answer is 4–5, over customers with a CSAT answer. */
  customerCsat: number | null;
}

/** The stats of `responses` (DOMAIN §7b: CSAT and NPS over responses; per customer the latest). */
export function satisfactionStats(responses: readonly SurveyResponse[]): SatisfactionStats {
  let csatN = 0;
  let satisfied = 0;
  let npsN = 0;
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const r of responses) {
    if (r.csat !== null) {
      csatN++;
      if (isSatisfied(r.csat)) satisfied++;
    }
    if (r.nps !== null) {
      npsN++;
      const g = npsGroup(r.nps);
      if (g === 'promoter') promoters++;
      else if (g === 'passive') passives++;
      else detractors++;
    }
  }
  const latest = latestAnswers(responses);
  let latestCsatN = 0;
  let latestSatisfied = 0;
  for (const l of latest.values()) {
    if (l.csat === null) continue;
    latestCsatN++;
    if (isSatisfied(l.csat.value)) latestSatisfied++;
  }
  return {
    responses: responses.length,
    csatResponses: csatN,
    satisfied,
    csat: csatN ? satisfied / csatN : null,
    npsResponses: npsN,
    promoters,
    passives,
    detractors,
    nps: npsN ? ((promoters - detractors) / npsN) * 100 : null,
    customers: latest.size,
    customerCsat: latestCsatN ? latestSatisfied / latestCsatN : null
  };
}

/** A customer's latest answer of one kind. */
export interface DatedScore {
  value: number;
  date: string;
}

/** A customer's latest CSAT answer and latest NPS answer (each null when never given). */
export interface LatestAnswers {
  csat: DatedScore | null;
  nps: DatedScore | null;
  /** The latest non-empty comment. */
  comment: string | null;
}

/**
 * Per customer, the latest response carrying a CSAT and the latest carrying an NPS. Responses
 * come in file order within a day, so on a tie the later row wins (`buildResponsesSql` orders by
 * customer, date, source, row; any order works as long as ties keep it).
 */
export function latestAnswers(responses: readonly SurveyResponse[]): Map<string, LatestAnswers> {
  const out = new Map<string, LatestAnswers>();
  for (const r of responses) {
    let l = out.get(r.customerId);
    if (!l) out.set(r.customerId, (l = { csat: null, nps: null, comment: null }));
    if (r.csat !== null && (!l.csat || r.date >= l.csat.date))
      l.csat = { value: r.csat, date: r.date };
    if (r.nps !== null && (!l.nps || r.date >= l.nps.date)) l.nps = { value: r.nps, date: r.date };
    if (r.comment) l.comment = r.comment;
  }
  return out;
}
