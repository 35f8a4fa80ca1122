// Ambient types of the app (SvelteKit's App namespace).
declare global {
  namespace App {}
}

export {};
