// The meeting format: the group's format and templates, and the runner that carries the chair
// through a meeting segment by segment (src-tauri/src/commands/format.rs). The templates come
// named in `language` (the app's, unless told), and a format started from one is written in it.
import type { Format } from '../bindings/Format';
import type { FormatChoice } from '../bindings/FormatChoice';
import type { Language } from '../bindings/Language';
import type { RunnerView } from '../bindings/RunnerView';
import { language as appLanguage } from '../i18n.svelte';
import { call } from './ipc';

export const formatChoice = (groupId: string, language: Language = appLanguage()) =>
  call<FormatChoice>('format_choice', { groupId, language });
export const setGroupFormat = (groupId: string, format: Format, language: Language = appLanguage()) =>
  call<FormatChoice>('set_group_format', { groupId, format, language });
export const useTemplate = (groupId: string, templateId: string, language: Language = appLanguage()) =>
  call<FormatChoice>('use_template', { groupId, templateId, language });
export const runner = (meetingId: string) => call<RunnerView>('runner', { meetingId });
export const nextSegment = (meetingId: string) => call<RunnerView>('next_segment', { meetingId });
export const previousSegment = (meetingId: string) => call<RunnerView>('previous_segment', { meetingId });
export const finishFormat = (meetingId: string) => call<RunnerView>('finish_format', { meetingId });
export const setReader = (meetingId: string, segment: number, personId: string | null) =>
  call<RunnerView>('set_reader', { meetingId, segment, personId });
