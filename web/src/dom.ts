/**
 * A tiny element builder. Every piece of text goes in through `textContent` (never `innerHTML`),
 * so words typed by a client or written by a model can never become markup.
 */
type Child = Node | string | null | undefined | false;

export interface ElementOptions {
  className?: string;
  text?: string;
  attributes?: Record<string, string | boolean | undefined>;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (event: HTMLElementEventMap[K]) => void }>;
}

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  children: Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attributes ?? {})) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  for (const [name, listener] of Object.entries(options.on ?? {})) {
    node.addEventListener(name, listener as EventListener);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** Replace all children of `parent`. */
export function replaceChildren(parent: Element, children: Child[]): void {
  parent.replaceChildren(...children.filter((child): child is Node | string => child !== null && child !== undefined && child !== false));
}

let pendingAnnouncement = '';
let announceTimer: number | undefined;

/**
 * Say something to screen-reader users through the page's one polite live region. Sentences that
 * arrive together (a demonstration's client and coach turns) are said together, not one over the other.
 */
export function announce(text: string): void {
  const region = document.getElementById('announcer');
  if (!region) return;
  pendingAnnouncement = pendingAnnouncement ? `${pendingAnnouncement} ${text}` : text;
  // Clearing first makes a repeated sentence be announced again.
  region.textContent = '';
  window.clearTimeout(announceTimer);
  announceTimer = window.setTimeout(() => {
    region.textContent = pendingAnnouncement;
    pendingAnnouncement = '';
  }, 50);
}
