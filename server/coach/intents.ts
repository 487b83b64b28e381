import { normalize } from './text.js';

/**
 * What the client asks of the process itself, as opposed to what they say about their work:
 * move on, go back, confirm, reject, or see the statement. Confirm and reject are read only from
 * short answers or clear phrases, so "yes, but my boss..." is content, not a confirmation.
 */

export type Intent = 'move_on' | 'go_back' | 'confirm' | 'reject' | 'statement';

const MOVE_ON = /\b(?:move|moving|go|skip) (?:on|ahead|forward)\b|\bnext step\b|\bnext stage\b|\blet's (?:continue|proceed|get going|get started|start|begin|do it|go)\b|\b(?:i'm|i am) ready (?:to (?:move|go) on|for the next)\b|\bcan we (?:continue|proceed|start|begin)\b|\bon to the (?:plan|next)\b/;
const GO_BACK = /\bgo(?:ing)? back\b|\brevisit\b|\bback to (?:the )?(?:previous|last|earlier|statement|partnership|agreement|plan)\b|\bstep back to\b|\breturn to (?:the )?(?:previous|statement|partnership|agreement)\b/;
const STATEMENT = /\b(?:partnership )?statement\b|\bsum(?:marize|marise|mary) (?:what|where) we\b|\bwrite (?:it|that|this) up\b|\bwhat have we got so far\b|\bshow me (?:what|the) (?:we|draft)\b/;

const CONFIRM_SHORT = /^(?:yes|yeah|yep|yup|sure|ok|okay|correct|exactly|absolutely|definitely|right|agreed|perfect|great|good|fine|sounds good|sounds right|looks good|looks right|that's it|spot on|i agree|i confirm|confirmed|yes please|go ahead|let's go|let's do it|works for me|fine by me|good by me|that works|i'm in|happy with (?:that|it)|love it)\b[\s!.,]*(?:that's (?:right|it|correct|good)|thanks?(?: you)?|please|let's go|go ahead|it captures it|that captures it|that works)?[\s!.]*$/;
const CONFIRM_PHRASE = /\b(?:that's|that is|it's|this is) (?:exactly |pretty much |about )?(?:right|correct|it|spot on|accurate|what i (?:mean|meant|want))\b|\bthat captures it\b|\bcaptures it (?:well|perfectly)\b|\bi (?:can )?confirm\b|\bhappy with (?:that|it|this)\b|\bsounds (?:right|good|great|about right)\b|\blooks (?:right|good|great)\b/;
const REJECT = /^(?:no|nope|nah|not really|not quite|not exactly|not at all|that's (?:not|wrong)|that isn't|i don't (?:think so|agree)|wrong|incorrect|disagree)\b/;
const REJECT_PHRASE = /\b(?:that's|that is|it's) not (?:right|quite right|it|what i (?:mean|meant|said))\b|\bthat's wrong\b|\byou misunderstood\b|\bnot what i meant\b|\b(?:change|fix|edit|reword|rewrite) (?:it|that|the|this)\b/;

const AFFIRMATIVE_WORDS = new Set(
  "yes yeah yep yup exactly correct right absolutely definitely sure ok okay that's that it it's perfect great good spot on sounds looks agreed indeed totally thanks thank you captures is true fine lovely brilliant".split(' '),
);

/** A short answer made only of affirmative words ("Exactly, yes.", "Yes, that's it, thanks"). */
function affirmativeOnly(lower: string): boolean {
  const tokens = lower.match(/[a-z']+/g) ?? [];
  return tokens.length > 0 && tokens.length <= 6 && tokens.every((token) => AFFIRMATIVE_WORDS.has(token));
}

/** The process intent of a message, or null when it is plain content. */
export function findIntent(text: string): Intent | null {
  const lower = normalize(text);
  const wordCount = lower.split(' ').length;
  if (GO_BACK.test(lower) && !/\bgo back to (?:work|the office|school)\b/.test(lower)) return 'go_back';
  if (REJECT.test(lower) || REJECT_PHRASE.test(lower)) return 'reject';
  if (MOVE_ON.test(lower) && wordCount <= 14) return 'move_on';
  if (STATEMENT.test(lower) && /\b(?:show|see|draft|write|give|update|refresh|summar\w*|let's|can|could|what)\b/.test(lower)) return 'statement';
  if (CONFIRM_SHORT.test(lower) || affirmativeOnly(lower) || (CONFIRM_PHRASE.test(lower) && wordCount <= 14)) return 'confirm';
  // "Yes, definitely committed.": a short yes with no reservation in it.
  if (/^(?:yes|yeah|yep|absolutely|definitely|exactly)\b/.test(lower) && wordCount <= 6 && !/\b(?:but|except|though|not|change|no)\b/.test(lower)) return 'confirm';
  return null;
}

/** Consent: a plain yes to going on (short answers only; "sure, but..." counts as yes). */
export function isConsent(text: string): boolean | null {
  const lower = normalize(text);
  if (/^(?:no|nope|not now|not yet|i'd rather not|i don't want)\b/.test(lower) || /\b(?:don't|do not) (?:want to|agree|consent)\b/.test(lower)) return false;
  if (
    /^(?:yes|yeah|yep|yup|sure|ok|okay|fine|alright|all right|absolutely|definitely|of course|sounds good|go ahead|let's|agreed|i agree|i'm in|happy to|ready|great|perfect|works for me|that works)\b/.test(lower) ||
    /\b(?:let's (?:go|begin|start|do (?:it|this)|crack on|get going|get started)|(?:i'm|i am) (?:happy|ready|keen|glad|fine) to (?:go on|start|begin|continue|carry on|keep going|proceed)|happy to (?:go on|keep going|carry on|continue|proceed)|fine to (?:go on|carry on|continue|proceed)|ok(?:ay)? (?:for me )?to (?:go on|continue|carry on|proceed)|i consent|(?:sounds|that's|that is|is) (?:good|fine|great|ok|okay)(?: for me| with me)?|go ahead|go for it|count me in|(?:i'm|i am) in|agreed on|proceed|fair enough|why not)\b|^go on\b/.test(lower)
  )
    return true;
  return null;
}

const THANKS = /\b(?:thanks?|thank you|thx|cheers|much appreciated|appreciate (?:it|that|this))\b/;
const GREETING = /^(?:hi|hello|hey|good (?:morning|afternoon|evening)|greetings|nice to meet you)\b/;
const CLOSING = /\b(?:that's (?:all|it)(?: for now)?|that is all|nothing (?:else|more)(?: to add)?|no(?:thing)? more to add|i think that's (?:it|everything|all)|bye|goodbye|see you|have a (?:good|nice|great) (?:day|one|evening))\b/;
/** Words a pleasantry may carry besides the pleasantry itself. */
const PLEASANTRY_FILLER = new Set("ok okay great good so well yes yeah oh and really very much so lovely that's that it all for now thanks thank you that was helpful helps useful nice to meet everything i think".split(' '));

/**
 * A message that is only a pleasantry: thanks, a greeting, or a closing ("thanks, that's all").
 * Such a message is answered the way a person would, never reflected back.
 */
export function findPleasantry(text: string): 'thanks' | 'greeting' | 'closing' | null {
  const lower = normalize(text);
  const tokens = lower.match(/[a-z']+/g) ?? [];
  if (tokens.length === 0 || tokens.length > 9) return null;
  const kind = CLOSING.test(lower) ? 'closing' : THANKS.test(lower) ? 'thanks' : GREETING.test(lower) ? 'greeting' : null;
  if (!kind) return null;
  // Only the pleasantry: "thanks, but my team ..." carries content and is reflected as usual.
  const stripped = lower.replace(new RegExp(CLOSING.source, 'g'), ' ').replace(new RegExp(THANKS.source, 'g'), ' ').replace(GREETING, ' ');
  const rest = (stripped.match(/[a-z']+/g) ?? []).filter((token) => !PLEASANTRY_FILLER.has(token));
  return rest.length === 0 ? kind : null;
}

/** A question about who sees or keeps this conversation: answered plainly before anything else. */
const PRIVACY_QUESTION = /\b(?:who (?:\w+ )?(?:reads|sees|can see|has access to|gets|looks at|will (?:see|read))|is (?:this|it|that|what i (?:say|write))(?: \w+)? (?:confidential|private|recorded|stored|saved|shared)|(?:goes|go|gets?|sent|passed) (?:back )?to my (?:company|boss|manager|employer|hr|organi[sz]ation)|(?:are|do) you (?:record|store|save|keep|share)|where (?:does|is) (?:this|it|my data) (?:go|stored|kept)|(?:what|who) happens to (?:this|my (?:data|answers|words))|(?:will|does) (?:my (?:boss|manager|hr|company|employer)|anyone|hr) (?:see|read|get))\b[^?]*\?/i;

export function asksAboutPrivacy(text: string): boolean {
  return PRIVACY_QUESTION.test(normalize(text));
}

/**
 * A question about themselves put to the coach ("Is that a problem?", "Is 5 bad?", "is it normal
 * that…?", "Or is it?"): a coach answers it briefly, without judging, before going on.
 */
const SELF_QUESTION = /(?:\b(?:is (?:it|that|this) (?:normal|common|usual|typical|weird|strange|bad|ok|okay|a problem|wrong|silly)|is (?:a |an )?(?:\d+|five|six|seven|four) (?:bad|ok|okay|low|enough|too low)|am i (?:the only one|weird|normal|crazy|overthinking|wrong)|do (?:other|most) (?:people|managers|leads|new managers)|does that (?:make sense|sound (?:silly|stupid|weird))|or is it|is that (?:silly|stupid|weird|bad))\b[^?]*\?)/i;

/**
 * A question about the conversation itself: what the coach's question means, an example of an
 * answer, the coach's own advice, or how long this takes. Each gets a plain answer, not a reflection.
 */
export type ProcessQuestion = 'clarify' | 'dont_know' | 'example' | 'advice' | 'duration' | 'summary';

const CLARIFY = /^(?:(?:sorry|hmm|um|uh|ok|okay|wait)[,.!]?\s+)*(?:what do you mean|what does that mean|what's that mean|meaning what|in what (?:way|sense)|i don't (?:understand|get|follow) (?:the question|your question|that|what you)|i(?:'m| am) not sure what you(?:'re| are) asking|not sure (?:what you mean|i follow)|(?:can|could) you (?:rephrase|explain|clarify|say that (?:again|differently|another way)|put that (?:differently|another way))|what are you asking)\b|^(?:sorry|pardon|huh|come again|what)\s*\?+$/;
const EXAMPLE = /\b(?:(?:can|could) you give (?:me )?(?:an |some )?examples?|give me (?:an |some )?examples?|(?:for )?example\?|like what|such as|what kind of (?:things|answer|stuff)(?: do you mean)?|what sort of (?:things|answer))\b/;
const ADVICE = /\b(?:what would you do|what should i do|what do you (?:think|suggest|recommend|advise)(?: i (?:should )?do)?|any (?:advice|tips|suggestions|ideas) for me|(?:can|could) you (?:give|offer) (?:me )?(?:some |any )?(?:advice|tips|suggestions)|what(?:'s| is) your advice|tell me what to do|what do you suggest|what would you (?:suggest|recommend|advise))\b/;
const DURATION = /^(?:(?:and|so|ok|okay|sorry|quick question)[,.]?\s+)*how long (?:will|does) it (?:take|last)\s*\??$|\b(?:how long (?:will|does|is|do) (?:this|the (?:session|conversation|chat|whole thing)|we)(?: (?:take|last|go on|have|need|going to take|gonna take))?|how much longer|how many (?:more )?(?:steps|questions)(?: are (?:there|left))?|how much (?:time|longer) (?:is|will) (?:this|it) (?:take|need))\b/;

/** A bare "I don't know" / "not sure": the question needs opening up, not a reflection of the words. */
const DONT_KNOW = /^(?:(?:um|hmm|honestly|really|erm|uh|i mean|to be honest)[,.]?\s+)*(?:i (?:really |honestly )?(?:don't|dont|do not) know|(?:i'm |i am )?(?:not sure|unsure)|no idea|dunno|not really sure)(?:[,.]?\s+(?:honestly|really|to be honest|tbh|sorry))?[\s.!?]*$/;
const SUMMARY = /\b(?:(?:can|could|would) you (?:please )?(?:summari[sz]e|recap|sum (?:it |that |this )?up|remind me what)|what have i (?:said|told you) so far|where are we (?:at|up to)|(?:give me )?a (?:quick )?(?:summary|recap))\b/;

export function findProcessQuestion(text: string): ProcessQuestion | null {
  const lower = normalize(text);
  const words = lower.split(' ').length;
  if (words <= 12 && CLARIFY.test(lower)) return 'clarify';
  if (words <= 12 && DONT_KNOW.test(lower)) return 'dont_know';
  if (words <= 16 && SUMMARY.test(lower)) return 'summary';
  if (words <= 14 && EXAMPLE.test(lower)) return 'example';
  if (words <= 20 && DURATION.test(lower)) return 'duration';
  if (words <= 20 && ADVICE.test(lower) && /\?\s*$|\b(?:advice|tips|suggest)/.test(lower)) return 'advice';
  return null;
}

export function asksAboutThemselves(text: string): boolean {
  return SELF_QUESTION.test(normalize(text));
}
