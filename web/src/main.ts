/**
 * Entry point: resume the conversation this browser holds a key for, or show the start screen.
 */
import type { Persona } from './api.js';
import { Conversation } from './conversation.js';
import type { Mode } from './protocol.js';
import { conversationsSection } from './conversations-section.js';
import { keepConversation } from './kept-conversations.js';
import { renderStartScreen } from './start-screen.js';
import { personaUploadSection } from './persona-upload.js';
import { loadSession, rememberEarlierTry, saveSession } from './storage.js';

const container = document.getElementById('app');
if (!container) throw new Error('The page has no #app element.');
const app = container;

function showStart(notice?: string): void {
  document.title = 'Rapport — reflect before coaching';
  const conversations = conversationsSection({
    onResume: (conversation) => {
      saveSession({ sessionId: conversation.sessionId, token: conversation.token, mode: conversation.mode });
      openConversation(conversation.mode);
      document.getElementById('composer-input')?.focus();
    },
  });
  renderStartScreen(app, { onStart: startConversation, notice, conversations });
  // Trainers add their own clients below the choices; the screen is drawn again to list the new one.
  app.querySelector('main')?.append(personaUploadSection({ onAdded: (name) => showStart(`${name} is now in the list of clients to rehearse with and to watch.`) }));
}

function startConversation(mode: Mode, persona?: Persona): void {
  openConversation(mode, persona);
  // The first thing to use: the composer, or in a demonstration its controls.
  (document.getElementById('composer-input') ?? document.getElementById('demo-next'))?.focus();
}

const TITLES: Record<Mode, string> = { coach: 'Conversation', rehearse: 'Rehearsal', demo: 'Demonstration' };

function openConversation(mode: Mode, persona?: Persona, draft?: string): void {
  document.title = `${TITLES[mode] ?? 'Conversation'} — Rapport`;
  // The stored mode is a guess; `session.ready.mode` decides, and a different one redraws the page.
  const conversation = new Conversation(app, {
    resume: loadSession(),
    mode,
    persona,
    onLeave: showStart,
    onModeChange: (actual) => openConversation(actual),
    // A rehearsal branch replaces the conversation on screen; the first try stays on the server.
    onBranch: (session, words) => {
      const first = loadSession();
      if (first) rememberEarlierTry(first);
      saveSession(session);
      openConversation(session.mode, undefined, words);
    },
    ...(draft ? { draft } : {}),
  });
  conversation.mount();
}

const stored = loadSession();
// A conversation opened before the list existed joins it.
if (stored) keepConversation(stored);
if (stored) openConversation(stored.mode);
else showStart();
