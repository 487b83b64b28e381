/**
 * Entry point: resume the conversation this browser holds a key for, or show the start screen.
 */
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

function startConversation(mode: Mode): void {
  openConversation(mode);
  document.getElementById('composer-input')?.focus();
}

function openConversation(mode: Mode): void {
  document.title = 'Conversation — Rapport';
  const conversation = new Conversation(app, { resume: loadSession(), mode, onLeave: showStart });
  conversation.mount();
}

if (loadSession()) openConversation('coach');
else showStart();
