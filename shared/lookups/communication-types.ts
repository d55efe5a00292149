import { lookupId } from './ids';

interface CommunicationTypeSeed {
  code: string;
  name: string;
  channel: 'phone' | 'email' | 'sms' | 'in_person' | 'mail' | 'video' | 'other';
  color: string;
  icon: string;
  prompt: string;
}

const TYPES: CommunicationTypeSeed[] = [
  {
    code: 'call',
    name: 'Phone call',
    channel: 'phone',
    color: '#2563eb',
    icon: 'phone',
    prompt: 'Summarise what was discussed, agreed and left open on the call.',
  },
  {
    code: 'voicemail',
    name: 'Voicemail',
    channel: 'phone',
    color: '#64748b',
    icon: 'voicemail',
    prompt: 'Note the message left and when to try again.',
  },
  {
    code: 'email',
    name: 'Email',
    channel: 'email',
    color: '#7c3aed',
    icon: 'mail',
    prompt: 'Summarise the email and any questions it asks.',
  },
  {
    code: 'sms',
    name: 'Text message',
    channel: 'sms',
    color: '#16a34a',
    icon: 'message-square',
    prompt: 'Keep texts short; note any reply or opt-out.',
  },
  {
    code: 'meeting',
    name: 'Meeting',
    channel: 'in_person',
    color: '#ea580c',
    icon: 'users',
    prompt: 'Summarise the meeting, documents collected and next steps.',
  },
  {
    code: 'video_call',
    name: 'Video call',
    channel: 'video',
    color: '#0891b2',
    icon: 'video',
    prompt: 'Summarise the call and any screen-shared documents.',
  },
  {
    code: 'letter',
    name: 'Letter',
    channel: 'mail',
    color: '#a16207',
    icon: 'file',
    prompt: 'Note what was mailed and why.',
  },
];

export const COMMUNICATION_TYPES = TYPES.map((t, i) => ({ ...t, id: lookupId(3, i + 1), sortOrder: (i + 1) * 10 }));
