import { normalize } from './text.js';

/**
 * Safety screening runs before any coaching: words of crisis pause the coaching, requests for
 * medical, legal or financial advice are redirected to a professional, and attempts to take the
 * coach out of its role are declined in one line. Patterns favour recall for crisis language:
 * a warm check-in that was not needed costs far less than a missed one.
 */

const CRISIS: RegExp[] = [
  /\b(?:kill|hurt|harm|cut|hang|shoot|poison)(?:ing|s)? (?:myself|my self)\b(?! (?:some )?slack| short| off| out)/,
  /\bsuicid\w*|\bself-?harm\w*|\bend(?:ing)? (?:my|my own) life\b|\bend it all\b|\btake my (?:own )?life\b/,
  /\b(?:want|wanted|wish|going) to die\b|\bwish i (?:was|were) dead\b|\bbetter off (?:dead|without me)\b|\bnot (?:want|wanting) to (?:be alive|live|wake up)\b/,
  /\bno (?:reason|point) (?:to|in) (?:go on )?(?:live|living|going on)\b|\bcan't go on (?:living|like this any ?more)\b|\bdon't want to (?:live|be here|exist) any ?more\b/,
  /\b(?:i'm|i am) not safe\b|\bin danger\b|\b(?:he|she|they|my partner) (?:hits?|beats?|abuses?) me\b|\bbeing abused\b/,
  /\boverdos\w*|\bjump off\b|\bdisappear for ever\b|\bdisappear forever\b/,
  // Hopelessness is often how it is first said: no method, no plan, only no way forward.
  /\b(?:don't|do not|can't|cannot) see (?:the|any) point (?:of|in) (?:any of (?:it|this)|anything|life|living|going on|carrying on)\b|\bdon't see the point (?:any ?more|of (?:it|this) all)\b/,
  /\bnothing (?:is )?(?:ever )?going to (?:get|be) better\b|\bnothing will ever (?:get|be) better\b|\bno way out\b|\bcan't see a way out\b|\bfeel(?:ing)? (?:completely |totally |so )?hopeless\b/,
  /\bwhat(?:'s| is) the point (?:of|in) (?:living|going on|anything|any of it|carrying on)\b|\b(?:everyone|they|people) (?:would be|are) better off without me\b|\bdon't want to wake up\b|\bgive up on (?:life|everything)\b/,
];

/**
 * Reassurance that names the danger only to deny it ("I'm not in danger", "I'm not suicidal")
 * must not pause the coaching it is asking to continue; these phrases are removed before screening.
 */
const NEGATED_CRISIS =
  /\b(?:i'm|i am|i'm really|i am really) not (?:in (?:any )?danger|suicidal|going to (?:hurt|harm|kill) myself|at risk|unsafe)\b|\bno (?:thoughts|plans|intention) (?:of|to) (?:hurt|harm|kill)(?:ing)? myself\b|\bnot (?:thinking|thought) (?:of|about) (?:hurting|harming|killing) myself\b/g;

const ADVICE: [domain: 'medical' | 'legal' | 'financial' | 'mental_health', pattern: RegExp][] = [
  ['mental_health', /\b(?:do i have|diagnos\w*|is it) (?:depression|adhd|bipolar|ptsd|an anxiety disorder|a disorder)\b|\btherapy for\b|\bam i depressed\b/],
  ['medical', /\b(?:medication|medicine|antidepressants?|pills?|dosage|dose|prescri\w*|symptoms?|diagnos\w*|treatment)\b.*\?|\bshould i (?:take|stop taking|see a doctor)\b|\bwhat (?:drug|medication)\b/],
  ['legal', /\b(?:sue|lawsuit|lawyer|attorney|legal advice|is (?:it|this) legal|illegal|wrongful(?:ly)? (?:dismiss\w*|terminat\w*)|employment law|my rights|contract clause|non-?compete)\b/],
  ['financial', /\b(?:invest(?:ing|ment)?s?|stocks?|shares|crypto|bitcoin|mortgage|pension|401k|tax(?:es)?|financial advice|retirement fund|loan)\b.*\?|\bshould i (?:buy|sell|invest)\b|\bfinancial advice\b/],
];

const ADVICE_REQUEST = /\?|\bshould i\b|\bwhat do you (?:recommend|suggest|think)\b|\badvice\b|\btell me (?:what|whether|if)\b|\bcan you (?:tell|recommend)\b/;

const INJECTION: RegExp[] = [
  /\bignore (?:all |any |the |your |my )?(?:previous |prior |above |earlier )?(?:instructions|prompts?|rules|directions)\b/,
  /\bdisregard (?:all |any |the |your )?(?:previous |prior |above )?(?:instructions|prompts?|rules)\b/,
  /\byou are (?:now|no longer)\b|\bfrom now on,? you (?:are|will)\b|\bpretend (?:to be|you are)\b|\bact as (?:a|an|my)\b|\broleplay as\b/,
  /\bsystem prompt\b|\b(?:reveal|show|print|repeat) (?:me )?(?:your|the) (?:instructions|prompt|rules)\b|\bdeveloper mode\b|\bjailbreak\w*|\bdan mode\b/,
  /\bforget (?:everything|all|your) (?:you|instructions|rules|were told)\b|\bnew instructions\b/,
];

export type SafetyFlag = 'crisis' | 'professional_advice' | 'injection';

export interface SafetyResult {
  flag: SafetyFlag | null;
  /** For professional advice: which kind of professional to name. */
  domain: 'medical' | 'legal' | 'financial' | 'mental_health' | 'general' | null;
}

/** Screens one client message; crisis wins over everything else. */
export function screenSafety(text: string): SafetyResult {
  const lower = normalize(text);
  const screened = lower.replace(NEGATED_CRISIS, ' ');
  if (CRISIS.some((pattern) => pattern.test(screened))) return { flag: 'crisis', domain: null };
  if (INJECTION.some((pattern) => pattern.test(lower))) return { flag: 'injection', domain: null };
  if (ADVICE_REQUEST.test(lower)) {
    for (const [domain, pattern] of ADVICE) if (pattern.test(lower)) return { flag: 'professional_advice', domain };
  }
  return { flag: null, domain: null };
}
