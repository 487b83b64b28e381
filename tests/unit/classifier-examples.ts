/**
 * Hand-written coaching utterances (not taken from the data set) with the label a trained coder
 * would give. Shared by the classifier tests.
 */
import type { UtteranceLabel } from '../../server/domain/schemas.js';

export interface HandwrittenExample {
  text: string;
  previousClient: string;
  label: UtteranceLabel;
}

export const HANDWRITTEN_EXAMPLES: HandwrittenExample[] = [
  // Open questions.
  { text: 'What would a good week look like for you?', previousClient: 'Work has been a blur lately.', label: 'question_open' },
  { text: 'How do you usually handle it when your team pushes back?', previousClient: 'My team keeps pushing back on deadlines.', label: 'question_open' },
  { text: 'Okay. Tell me more about what happened in that meeting.', previousClient: 'The meeting went badly.', label: 'question_open' },
  { text: 'What matters most to you about this promotion?', previousClient: "I'm not sure I even want it.", label: 'question_open' },
  { text: 'Why do you think delegating feels so risky?', previousClient: 'I end up doing everything myself.', label: 'question_open' },
  { text: 'So, um, what have you already tried?', previousClient: 'Nothing seems to work with her.', label: 'question_open' },
  { text: 'How might you start that conversation with your director?', previousClient: 'I should probably talk to my director.', label: 'question_open' },
  // Closed questions.
  { text: 'Did you send the report on Friday?', previousClient: 'The report was due last week.', label: 'question_closed' },
  { text: 'Do you have a one-on-one with her this week?', previousClient: 'My manager seems distant.', label: 'question_closed' },
  { text: 'Is it okay if we focus on the budget issue first?', previousClient: 'There are a lot of things going on.', label: 'question_closed' },
  { text: 'Are you still working on weekends?', previousClient: "I've been exhausted.", label: 'question_closed' },
  { text: 'Have you told your team about the reorganisation yet?', previousClient: 'The reorganisation is coming next month.', label: 'question_closed' },
  { text: 'Would you be willing to try that for one week?', previousClient: 'Maybe I could block my mornings.', label: 'question_closed' },
  // Simple reflections: restating the client's words.
  { text: 'So your manager keeps changing the priorities.', previousClient: 'My manager keeps changing the priorities every week.', label: 'reflection_simple' },
  { text: 'You want to delegate more to your team.', previousClient: 'I really want to delegate more to my team.', label: 'reflection_simple' },
  { text: "You've been staying late most evenings.", previousClient: "I've been staying late most evenings to catch up.", label: 'reflection_simple' },
  { text: 'So the deadline moved up by two weeks.', previousClient: 'They moved the deadline up by two weeks.', label: 'reflection_simple' },
  // Complex reflections: adding a feeling, a meaning or both sides.
  { text: 'It sounds like you feel let down by your team.', previousClient: 'Nobody on the team finished their part.', label: 'reflection_complex' },
  { text: 'On the one hand you love the job, and on the other hand it is wearing you out.', previousClient: "I love what I do but I'm so tired all the time.", label: 'reflection_complex' },
  { text: "You're worried that if you say no, they'll stop trusting you.", previousClient: 'I never turn down requests from the directors.', label: 'reflection_complex' },
  { text: 'Being recognised for your work really matters to you.', previousClient: 'Nobody even mentioned my part in the launch.', label: 'reflection_complex' },
  { text: 'Sounds like you are torn between loyalty to your team and your own ambitions.', previousClient: "I could take the offer, but I'd be leaving my team behind.", label: 'reflection_complex' },
  // Input: information, advice, options.
  { text: 'I would recommend blocking two hours each morning for focused work.', previousClient: 'I never get any deep work done.', label: 'input' },
  { text: 'You should try writing down your three priorities before you open your email.', previousClient: 'My days get away from me.', label: 'input' },
  { text: 'Research shows that people who get regular feedback are more engaged at work.', previousClient: "I don't really give feedback.", label: 'input' },
  { text: 'One option is to hand the weekly report to Sam, and another is to simplify the report itself.', previousClient: 'The weekly report eats my Fridays.', label: 'input' },
  { text: 'Many managers find that a short daily check-in reduces the number of interruptions.', previousClient: 'I get interrupted constantly.', label: 'input' },
  { text: "Next time we'll review how the experiment went and adjust the plan.", previousClient: 'Okay, I will try it this week.', label: 'input' },
  // Other: greetings, thanks, affirmations, fillers.
  { text: 'Hi, nice to meet you.', previousClient: '', label: 'other' },
  { text: 'Thank you for coming in today.', previousClient: '', label: 'other' },
  { text: 'Mm-hmm.', previousClient: "And then I went back to my desk and, uh, I don't know.", label: 'other' },
  { text: 'Okay.', previousClient: "That's pretty much it.", label: 'other' },
  { text: 'Yeah.', previousClient: 'It was a long week.', label: 'other' },
  { text: 'Great, take care and see you soon. Bye.', previousClient: 'Thanks, this was helpful.', label: 'other' },
  { text: 'Right.', previousClient: 'So that was the second time it happened.', label: 'other' },
];
