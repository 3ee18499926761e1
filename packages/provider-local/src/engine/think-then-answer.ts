import type {
  ChatHistoryItem,
  ChatModelResponse,
  ChatModelSegment,
  LLamaChatGenerateResponseOptions,
  LlamaChat,
  LlamaChatResponseChunk,
  LlamaGrammar,
} from "node-llama-cpp";

/** Sampling settings passed through to every phase as they are. */
export type SamplingOptions = Pick<
  LLamaChatGenerateResponseOptions,
  "temperature" | "seed" | "topP" | "customStopTriggers" | "repeatPenalty"
>;

/** One generation that may think before it answers. */
export interface ThinkThenAnswerSettings {
  readonly history: ChatHistoryItem[];
  /** The grammar of the answer (none: free text). It never applies to the thinking. */
  readonly grammar: LlamaGrammar | undefined;
  /** Tokens for thinking and answer together. */
  readonly maxTokens: number;
  /** `false`: the answer starts at once, after an empty thought (what `enable_thinking: false` renders). */
  readonly thinking: boolean;
  /** At most this many thinking tokens; then the thought is closed and the answer starts. */
  readonly maxThoughtTokens: number | undefined;
  readonly signal: AbortSignal;
  readonly sampling: SamplingOptions;
  /** Each piece of answer text as it is generated. */
  readonly onTextChunk?: ((text: string) => void) | undefined;
  /** Each piece of thinking as it is generated. */
  readonly onThoughtChunk?: ((text: string) => void) | undefined;
  /** Each batch of sampled tokens (thinking and answer). */
  readonly onToken?: ((count: number) => void) | undefined;
}

/** What a generation produced: the answer, the thinking apart from it, and whether the token limit cut it. */
export interface ThoughtAndAnswer {
  readonly text: string;
  readonly thought: string;
  readonly cut: boolean;
}

/** True when the chat wrapper marks thinking as a segment (`<think>...</think>` and the like). */
export function wrapperHasThoughts(chat: LlamaChat): boolean {
  return chat.chatWrapper.settings.segments?.thought !== undefined;
}

/** A thought segment closed at this text (an empty one is how a template says "no thinking"). */
function endedThought(text: string): ChatModelSegment {
  return { type: "segment", segmentType: "thought", text, ended: true };
}

/** The history with the model's response so far continued by `segments`. */
function continueResponse(history: ChatHistoryItem[], segments: readonly ChatModelSegment[]): ChatHistoryItem[] {
  const last = history.at(-1);
  const earlier = last?.type === "model" ? history.slice(0, -1) : history;
  const response: ChatModelResponse["response"] = last?.type === "model" ? [...last.response, ...segments] : [...segments];
  return [...earlier, { type: "model", response }];
}

/**
 * Runs one generation "free to think, strict to answer". llama.cpp applies a
 * grammar from the first sampled token, so a thinking model under a JSON
 * grammar would have to write JSON inside its thought (and its answer would
 * come back empty). When the chat wrapper has thought segments and the answer
 * has a grammar, this runs two phases on the same sequence:
 *
 * 1. no grammar while the thought is open; stop when it closes (by the model,
 *    or by `maxThoughtTokens`), or at the first answer text when the model
 *    does not think (that text is dropped: it was not constrained);
 * 2. continue the same model response after the closed thought, with the
 *    grammar and the tokens left.
 *
 * Without a grammar, or with a wrapper that has no thought segments, it is one
 * ordinary generation. `thinking: false` skips phase 1 and answers after an
 * empty thought. The user's signal stops either phase and rejects with its reason.
 */
export async function thinkThenAnswer(chat: LlamaChat, settings: ThinkThenAnswerSettings): Promise<ThoughtAndAnswer> {
  const hasThoughts = wrapperHasThoughts(chat);
  const thoughts: string[] = [];
  let tokensUsed = 0;
  const budgets = settings.maxThoughtTokens !== undefined ? { budgets: { thoughtTokens: settings.maxThoughtTokens } } : {};
  const generate = async (
    history: ChatHistoryItem[],
    maxTokens: number,
    grammar: LlamaGrammar | undefined,
    onChunk: (chunk: LlamaChatResponseChunk) => void,
    stop?: AbortController,
  ) =>
    chat.generateResponse(history, {
      ...settings.sampling,
      ...budgets,
      ...(grammar ? { grammar } : {}),
      maxTokens,
      signal: stop ? AbortSignal.any([settings.signal, stop.signal]) : settings.signal,
      ...(stop ? { stopOnAbortSignal: true } : {}),
      onToken: (tokens) => {
        tokensUsed += tokens.length;
        settings.onToken?.(tokens.length);
      },
      onResponseChunk: onChunk,
    });
  const onThought = (chunk: LlamaChatResponseChunk): boolean => {
    if (chunk.type !== "segment") return false;
    if (chunk.segmentType === "thought" && chunk.text !== "") {
      thoughts.push(chunk.text);
      settings.onThoughtChunk?.(chunk.text);
    }
    return true;
  };
  const answerChunk = (chunk: LlamaChatResponseChunk) => {
    if (!onThought(chunk) && chunk.text !== "") settings.onTextChunk?.(chunk.text);
  };
  const answer = async (history: ChatHistoryItem[], grammar: LlamaGrammar | undefined): Promise<ThoughtAndAnswer> => {
    const left = settings.maxTokens - tokensUsed;
    if (left < 1) return { text: "", thought: thoughts.join(""), cut: true };
    const response = await generate(history, left, grammar, answerChunk);
    return { text: response.response, thought: thoughts.join(""), cut: response.metadata.stopReason === "maxTokens" };
  };

  if (!hasThoughts) return answer(settings.history, settings.grammar);
  if (!settings.thinking) return answer(continueResponse(settings.history, [endedThought("")]), settings.grammar);
  if (!settings.grammar) return answer(settings.history, undefined);

  const thoughtDone = new AbortController();
  const thinking = await generate(settings.history, settings.maxTokens, undefined, (chunk) => {
    if (onThought(chunk)) {
      if (chunk.type === "segment" && chunk.segmentType === "thought" && chunk.segmentEndTime !== undefined) thoughtDone.abort();
    } else if (chunk.text.trim() !== "") {
      thoughtDone.abort();
    }
  }, thoughtDone);
  settings.signal.throwIfAborted();
  if (thinking.metadata.stopReason === "maxTokens") return { text: "", thought: thoughts.join(""), cut: true };
  // The thought as phase 1 left it, closed (a model that stopped inside its thought gets it closed for it).
  const closed: ChatModelSegment[] = [];
  for (const item of thinking.fullResponse) {
    if (typeof item === "string" || item.segmentType !== "thought") continue;
    closed.push(item.ended ? item : endedThought(item.text));
  }
  if (closed.length === 0) closed.push(endedThought(""));
  return answer(continueResponse(settings.history, closed), settings.grammar);
}
