/**
 * Entry point: resume the conversation this browser holds a key for, or show the start screen.
 */
import type { Persona } from './api.js';
import { Conversation } from './conversation.js';
import type { Mode } from './protocol.js';
import { renderStartScreen } from './start-screen.js';
import { loadSession } from './storage.js';

const container = document.getElementById('app');
if (!container) throw new Error('The page has no #app element.');
const app = container;

function showStart(notice?: string): void {
  document.title = 'Rapport — reflect before coaching';
  renderStartScreen(app, { onStart: startConversation, notice });
}

function startConversation(mode: Mode, persona?: Persona): void {
  openConversation(mode, persona);
  // The first thing to use: the composer, or in a demonstration its controls.
  (document.getElementById('composer-input') ?? document.getElementById('demo-next'))?.focus();
}

const TITLES: Record<Mode, string> = { coach: 'Conversation', rehearse: 'Rehearsal', demo: 'Demonstration' };

function openConversation(mode: Mode, persona?: Persona): void {
  document.title = `${TITLES[mode] ?? 'Conversation'} — Rapport`;
  // The stored mode is a guess; `session.ready.mode` decides, and a different one redraws the page.
  const conversation = new Conversation(app, { resume: loadSession(), mode, persona, onLeave: showStart, onModeChange: (actual) => openConversation(actual) });
  conversation.mount();
}

const stored = loadSession();
if (stored) openConversation(stored.mode);
else showStart();
