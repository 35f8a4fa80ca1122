// One typed context per state class: a setter for the layout and a getter that throws when the
// state was never provided (a component used outside the app layout), as Evidence does.
import { getContext, setContext } from 'svelte';

/** The getter and setter of the context named `name`. */
export function stateContext<T>(name: string): [get: () => T, set: (value: T) => T] {
  const key = Symbol(name);
  return [
    () => {
      const value = getContext<T | undefined>(key);
      if (value === undefined) throw new Error(`${name} was read outside the app layout`);
      return value;
    },
    (value) => setContext(key, value)
  ];
}
