/**
 * Two panels under the statement: "Put it in your calendar" (the first experiment and the agreed
 * check-ins as an .ics file, each with the client's own line; a day their words left open is asked
 * for, never guessed) and "Share with your coach" (a read-only link to the confirmed statement,
 * made only when the client presses the button, shown once, and withdrawable).
 */
import { element, replaceChildren } from './dom.js';
import { copyText, downloadText } from './export.js';
import type { Statement } from './protocol.js';
import type { StoredSession } from './storage.js';
import { createShareLink, fetchCalendarFile, fetchCalendarItems, listShareLinks, revokeShareLink, type CalendarItemView, type ShareLinkView } from './takeaway-api.js';

const ITEM_TITLES: Record<CalendarItemView['key'], string> = { experiment: 'First experiment', 'check-in': 'Check-ins' };
const ASK: Record<CalendarItemView['key'], string> = { experiment: 'Which day will you try it?', 'check-in': 'Which day is the first check-in?' };

function dayInWords(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date).toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

function repeatInWords(repeat: CalendarItemView['repeat']): string {
  if (!repeat) return '';
  const unit = { DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month' }[repeat.frequency];
  return repeat.interval === 1 ? `, then every ${unit}` : `, then every ${repeat.interval} ${unit}s`;
}

function untilInWords(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

export class TakeawaysPanel {
  readonly calendarRoot: HTMLElement;
  readonly shareRoot: HTMLElement;
  private session: StoredSession | null = null;
  private confirmed = false;
  private readonly calendarBody: HTMLDivElement;
  private readonly calendarStatus: HTMLParagraphElement;
  private readonly shareIntro: HTMLParagraphElement;
  private readonly shareForm: HTMLDivElement;
  private readonly transcriptBox: HTMLInputElement;
  private readonly createButton: HTMLButtonElement;
  private readonly newLink: HTMLDivElement;
  private readonly links: HTMLUListElement;
  private readonly shareStatus: HTMLParagraphElement;

  constructor() {
    this.calendarBody = element('div', { className: 'calendar-items' });
    this.calendarStatus = element('p', { className: 'statement-notice', attributes: { role: 'status' } });
    this.calendarRoot = element('section', { className: 'panel takeaway calendar', attributes: { id: 'calendar', 'aria-labelledby': 'calendar-title' } }, [
      element('h2', { className: 'panel-title', text: 'Put it in your calendar', attributes: { id: 'calendar-title' } }),
      element('p', { className: 'panel-intro', text: 'Your first experiment and the check-ins you agreed, as a calendar file any calendar app opens. Each event carries your own words.' }),
      element('button', { className: 'button small', text: 'Prepare the calendar file', attributes: { type: 'button' }, on: { click: () => void this.loadCalendar() } }),
      this.calendarBody,
      this.calendarStatus,
    ]);

    this.shareIntro = element('p', { className: 'panel-intro', text: 'Once you confirm your statement, you can make a read-only link to it for your coach. Nothing is shared until you do.' });
    this.transcriptBox = element('input', { attributes: { type: 'checkbox', id: 'share-transcript' } });
    this.createButton = element('button', { className: 'button small primary', text: 'Create a link for my coach', attributes: { type: 'button' }, on: { click: () => void this.createLink() } });
    this.shareForm = element('div', { className: 'share-form', attributes: { hidden: true } }, [
      element('div', { className: 'checkbox-row' }, [this.transcriptBox, element('label', { text: 'Also share the conversation itself (the transcript)', attributes: { for: 'share-transcript' } })]),
      this.createButton,
    ]);
    this.newLink = element('div', { className: 'new-link', attributes: { hidden: true } });
    this.links = element('ul', { className: 'share-links', attributes: { 'aria-label': 'Links you have shared' } });
    this.shareStatus = element('p', { className: 'statement-notice', attributes: { role: 'status' } });
    this.shareRoot = element('section', { className: 'panel takeaway share', attributes: { id: 'share', 'aria-labelledby': 'share-title' } }, [
      element('h2', { className: 'panel-title', text: 'Share with your coach', attributes: { id: 'share-title' } }),
      this.shareIntro,
      this.shareForm,
      this.newLink,
      this.links,
      this.shareStatus,
    ]);
  }

  setSession(session: StoredSession): void {
    const first = this.session === null;
    this.session = session;
    if (first) void this.refreshLinks();
  }

  update(statement: Statement | null): void {
    this.confirmed = statement?.status === 'confirmed';
    this.shareForm.hidden = !this.confirmed;
    this.shareIntro.textContent = this.confirmed
      ? 'A read-only link to your confirmed statement, for your coach. It shows the statement as it stands, with any later changes you make, until it expires or you withdraw it.'
      : 'Once you confirm your statement, you can make a read-only link to it for your coach. Nothing is shared until you do.';
  }

  private async loadCalendar(): Promise<void> {
    if (!this.session) return;
    this.calendarStatus.textContent = 'Reading the dates you gave…';
    let items: CalendarItemView[];
    try {
      items = await fetchCalendarItems(this.session);
    } catch (error) {
      this.calendarStatus.textContent = `The calendar could not be prepared: ${(error as Error).message}.`;
      return;
    }
    if (items.length === 0) {
      replaceChildren(this.calendarBody, []);
      this.calendarStatus.textContent = 'Nothing to put in a calendar yet: the first experiment and the check-ins are agreed in the plan steps.';
      return;
    }
    const inputs = new Map<string, HTMLInputElement>();
    const rows = items.map((item) => {
      const id = `calendar-day-${item.key}`;
      let when: HTMLElement;
      if (item.date) {
        when = element('p', { className: 'calendar-when', text: `${dayInWords(item.date)}${repeatInWords(item.repeat)}` });
      } else {
        const input = element('input', { className: 'field-input', attributes: { type: 'date', id, required: true, 'aria-describedby': `${id}-why` } });
        inputs.set(item.key, input);
        when = element('div', { className: 'calendar-ask' }, [
          element('label', { text: ASK[item.key], attributes: { for: id } }),
          element('p', { className: 'field-help', text: `Your words did not name a day${item.repeat ? repeatInWords(item.repeat).replace(/^, then/, ' (it repeats') + ')' : ''}, so choose one rather than have Rapport guess.`, attributes: { id: `${id}-why` } }),
          input,
        ]);
      }
      return element('li', { className: 'calendar-item' }, [element('h3', { className: 'field-title', text: ITEM_TITLES[item.key] }), element('q', { className: 'calendar-line', text: item.line }), when]);
    });
    const download = element('button', { className: 'button small primary', text: 'Download the calendar file (.ics)', attributes: { type: 'button' }, on: { click: () => void this.downloadCalendar(inputs) } });
    replaceChildren(this.calendarBody, [element('ul', { className: 'calendar-list' }, rows), download]);
    this.calendarStatus.textContent = inputs.size > 0 ? 'Choose the missing day, then download.' : '';
  }

  private async downloadCalendar(inputs: Map<string, HTMLInputElement>): Promise<void> {
    if (!this.session) return;
    const chosen: Record<string, string> = {};
    for (const [key, input] of inputs) {
      if (!input.value) {
        this.calendarStatus.textContent = `Choose a day first: ${ASK[key as CalendarItemView['key']]}`;
        input.focus();
        return;
      }
      chosen[key] = input.value;
    }
    try {
      downloadText('coaching-check-ins.ics', await fetchCalendarFile(this.session, chosen), 'text/calendar;charset=utf-8');
      this.calendarStatus.textContent = 'Calendar file downloaded. Open it to add the events to your calendar.';
    } catch (error) {
      this.calendarStatus.textContent = `The calendar file could not be made: ${(error as Error).message}.`;
    }
  }

  private async createLink(): Promise<void> {
    if (!this.session || !this.confirmed) return;
    this.createButton.disabled = true;
    try {
      const link = await createShareLink(this.session, this.transcriptBox.checked);
      const url = new URL(link.path, window.location.origin).toString();
      const field = element('input', { className: 'field-input', attributes: { type: 'text', id: 'share-url', readonly: true, value: url } });
      replaceChildren(this.newLink, [
        element('label', { text: 'Link for your coach', attributes: { for: 'share-url' } }),
        element('p', { className: 'field-help', text: `Anyone with it can read your statement${link.includeTranscript ? ' and this conversation' : ''} until ${untilInWords(link.expiresAt)}. It is shown only now: copy it.` }),
        field,
        element('button', { className: 'button small', text: 'Copy the link', attributes: { type: 'button' }, on: { click: async () => (this.shareStatus.textContent = (await copyText(url)) ? 'Link copied.' : 'Copying was refused by the browser; select the link and copy it.') } }),
      ]);
      this.newLink.hidden = false;
      this.shareStatus.textContent = 'Link created.';
      field.focus();
      field.select();
      await this.refreshLinks();
    } catch (error) {
      this.shareStatus.textContent = `No link was made: ${(error as Error).message}.`;
    } finally {
      this.createButton.disabled = false;
    }
  }

  private async refreshLinks(): Promise<void> {
    if (!this.session) return;
    let links: ShareLinkView[];
    try {
      links = await listShareLinks(this.session);
    } catch {
      return;
    }
    this.links.hidden = links.length === 0;
    replaceChildren(
      this.links,
      links.map((link) =>
        element('li', { className: 'share-link' }, [
          element('span', { text: `${link.includeTranscript ? 'Statement and conversation' : 'Statement only'} · works until ${untilInWords(link.expiresAt)}` }),
          element('button', { className: 'button quiet danger small', attributes: { type: 'button' }, on: { click: () => void this.revoke(link.id) } }, ['Withdraw', element('span', { className: 'visually-hidden', text: ` the link made ${untilInWords(link.createdAt)}` })]),
        ]),
      ),
    );
  }

  private async revoke(id: string): Promise<void> {
    if (!this.session) return;
    try {
      await revokeShareLink(this.session, id);
      this.newLink.hidden = true;
      replaceChildren(this.newLink, []);
      this.shareStatus.textContent = 'Link withdrawn: it no longer opens.';
      await this.refreshLinks();
      this.createButton.focus();
    } catch (error) {
      this.shareStatus.textContent = `The link could not be withdrawn: ${(error as Error).message}.`;
    }
  }
}
