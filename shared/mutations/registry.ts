import type { z } from 'zod';
import { addNote, logCommunication } from './activity';
import { applyAiAnnotations, recordAiInteraction } from './ai';
import { upsertAddress } from './addresses';
import { createCampaign, enrollInCampaign, setMarketingSettings } from './campaigns';
import { createClient, updateClient } from './clients';
import { addContact, setPrimaryContact, updateContact } from './contacts';
import { convertLead } from './convert';
import { importBatch, undoImportBatch } from './import';
import { mergeClients, mergeContacts, mergeLeads } from './merge';
import type { MutationDef } from './define';
import { setHousehold } from './households';
import { createLead, editCustomFields, editLeadTags, setCoverage, updateLead } from './leads';
import { restore, softDelete } from './lifecycle';
import { closeOpportunity, createOpportunity, moveOpportunityStage } from './opportunities';
import { assignLead, changeLeadStatus, completeFollowUp, scheduleFollowUp } from './pipeline';
import { addCarrier, addPolicy, updatePolicy } from './policies';
import { cancelPolicy, createRenewalOpportunity, markNonRenewed, reinstatePolicy, renewPolicy } from './renewals';
import { completeTask, createTask, reopenTask, updateTask } from './tasks';
import { addTicketComment, createTicket, resolveTicket, updateTicket } from './tickets';

/** Every named mutation: the unit of change, of the outbox and of the gateway's API. */
export const MUTATIONS = {
  createLead,
  updateLead,
  setCoverage,
  editLeadTags,
  editCustomFields,
  assignLead,
  changeLeadStatus,
  scheduleFollowUp,
  completeFollowUp,
  addNote,
  logCommunication,
  addContact,
  updateContact,
  setPrimaryContact,
  upsertAddress,
  createClient,
  updateClient,
  createOpportunity,
  moveOpportunityStage,
  closeOpportunity,
  createTicket,
  updateTicket,
  resolveTicket,
  addTicketComment,
  createCampaign,
  enrollInCampaign,
  setMarketingSettings,
  softDelete,
  restore,
  convertLead,
  importBatch,
  undoImportBatch,
  mergeClients,
  mergeLeads,
  mergeContacts,
  recordAiInteraction,
  applyAiAnnotations,
  addCarrier,
  addPolicy,
  updatePolicy,
  renewPolicy,
  cancelPolicy,
  markNonRenewed,
  reinstatePolicy,
  createRenewalOpportunity,
  setHousehold,
  createTask,
  updateTask,
  completeTask,
  reopenTask,
} as const;

export type Mutations = typeof MUTATIONS;
export type MutationName = keyof Mutations;
export type MutationInput<N extends MutationName> = z.input<Mutations[N]['args']>;
export type MutationArgs<N extends MutationName> = z.output<Mutations[N]['args']>;
export type MutationResult<N extends MutationName> = Awaited<ReturnType<Mutations[N]['run']>>;
export const MUTATION_NAMES = Object.keys(MUTATIONS) as MutationName[];

export function getMutation(name: string): MutationDef | undefined {
  return Object.hasOwn(MUTATIONS, name) ? (MUTATIONS as unknown as Record<string, MutationDef>)[name] : undefined;
}
