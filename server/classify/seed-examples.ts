/**
 * A few hand-written coaching utterances added to the training data. AnnoMI's "input" is mostly
 * health information; a coaching conversation gives advice and options in other words ("you should",
 * "one option"), so these examples teach the cue features the intended direction. They are kept
 * apart from the test examples in tests/unit, and cross-validation keeps them in every training part.
 */
import type { LabelledUtterance } from './train.js';

export const SEED_EXAMPLES: LabelledUtterance[] = [
  { label: 'input', previousClient: 'I can never say no to my boss.', text: 'You should practise saying "let me check my calendar" before agreeing to anything.' },
  { label: 'input', previousClient: 'The team meetings run way over.', text: 'You could try a fixed agenda with a time next to every item.' },
  { label: 'input', previousClient: 'I have no idea how to give feedback.', text: 'I suggest using the situation, behaviour, impact model: describe what happened, what they did, and its effect.' },
  { label: 'input', previousClient: "I'm drowning in email.", text: 'One option is to check email only at ten and at four, and turn notifications off in between.' },
  { label: 'input', previousClient: 'Should I just quit?', text: 'Many people in your position find it helps to talk to HR about a transfer before deciding to leave.' },
  { label: 'input', previousClient: 'I never know what to delegate.', text: 'I would recommend starting with the tasks that someone else could do at eighty percent of your quality.' },
  { label: 'input', previousClient: 'What do other managers do?', text: 'Research on new managers shows that the first ninety days shape how the team sees you.' },
  { label: 'input', previousClient: 'Okay, that makes sense.', text: "Let's agree that you'll try it for two weeks, and we'll review it at our next session." },
  { label: 'input', previousClient: "I don't sleep well before presentations.", text: 'You might want to rehearse the opening twice the day before; most of the nerves are in the first minute.' },
  { label: 'input', previousClient: 'My one-on-ones feel pointless.', text: 'Make sure you let them set the agenda, and keep your updates for the end.' },
  { label: 'reflection_complex', previousClient: 'Nobody thanked me after the launch.', text: 'It sounds like you feel invisible after all that effort.' },
  { label: 'reflection_complex', previousClient: "I'd like the new role but I'd miss my team.", text: "Part of you wants the new challenge, and part of you doesn't want to leave people you care about." },
  { label: 'reflection_complex', previousClient: 'I keep checking their work at night.', text: "You're worried that if something slips, it will reflect on you." },
  { label: 'reflection_complex', previousClient: 'I just want a bit of recognition.', text: 'Being valued for what you bring matters a lot to you.' },
  { label: 'reflection_simple', previousClient: 'I have three projects due next Friday.', text: 'Three projects, all due next Friday.' },
  { label: 'reflection_simple', previousClient: 'My director moved our weekly meeting to Monday mornings.', text: 'So your weekly meeting is now on Monday mornings.' },
  { label: 'question_closed', previousClient: "There's a lot going on right now.", text: 'Would it be alright if we looked at the deadline problem first?' },
  { label: 'question_closed', previousClient: 'I tried that once.', text: 'Did it help?' },
  { label: 'question_closed', previousClient: 'I have a one-on-one with her tomorrow.', text: 'Is that something you want to prepare together?' },
  { label: 'question_open', previousClient: 'I tried that once.', text: 'What got in the way when you tried it?' },
  { label: 'question_open', previousClient: 'I want to be a better leader.', text: 'How would your team notice that you had become a better leader?' },
  { label: 'other', previousClient: '', text: "Welcome! It's good to see you again." },
  { label: 'other', previousClient: 'I actually did it this week.', text: "That's a real achievement, well done." },
  { label: 'other', previousClient: 'Thanks for your help.', text: "You're welcome. Good luck this week!" },
];
