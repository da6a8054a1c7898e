import type {
  Agreement,
  EvalRun,
  EvalRunStatus,
  Evaluator,
  EvaluatorInput,
  EvaluatorKind,
  EvaluatorPatch,
  EvaluatorPreview,
  EvaluatorPreviewResult,
  Page,
} from '@sightline/core'
import {
  skipToken,
  useInfiniteQuery,
  useMutation,
  useQuery,
  type InfiniteData,
  type UseInfiniteQueryResult,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query'
import { useSightlineContext } from '../provider/sightline-provider'
import { evaluatorKeys } from '../query-keys'

export type UseEvaluatorKindsResult = UseQueryResult<EvaluatorKind[], Error>
export type UseEvaluatorsResult = UseQueryResult<Evaluator[], Error>
export type UseEvaluatorResult = UseQueryResult<Evaluator, Error>
export type UseEvaluatorRunsResult = UseInfiniteQueryResult<InfiniteData<Page<EvalRun>, string | null>, Error>
export type UseEvaluatorAgreementResult = UseQueryResult<Agreement, Error>

export interface EvaluatorPollOptions {
  /** refetch every this many ms (runs finish in the background); false to stop */
  refetchInterval?: number | false | undefined
}

/** The evaluator kinds the server offers, with the config fields of each. */
export function useEvaluatorKinds(): UseEvaluatorKindsResult {
  const { client, queryClient, scope } = useSightlineContext('useEvaluatorKinds')
  return useQuery(
    {
      queryKey: [...evaluatorKeys.kinds, scope],
      queryFn: async ({ signal }) => (await client.listEvaluatorKinds({ signal })).data,
      // Kinds change only with a server release.
      staleTime: Number.POSITIVE_INFINITY,
    },
    queryClient,
  )
}

/** The project's evaluators. */
export function useEvaluators({ refetchInterval = false }: EvaluatorPollOptions = {}): UseEvaluatorsResult {
  const { client, queryClient, scope } = useSightlineContext('useEvaluators')
  return useQuery(
    {
      queryKey: [...evaluatorKeys.lists, scope],
      queryFn: async ({ signal }) => (await client.listEvaluators({ signal })).data,
      refetchInterval,
    },
    queryClient,
  )
}

/** One evaluator, with its statistics. */
export function useEvaluator(id: string | null | undefined, { refetchInterval = false }: EvaluatorPollOptions = {}): UseEvaluatorResult {
  const { client, queryClient, scope } = useSightlineContext('useEvaluator')
  return useQuery(
    {
      queryKey: [...evaluatorKeys.details, id ?? '', scope],
      queryFn: id ? ({ signal }) => client.getEvaluator(id, { signal }) : skipToken,
      refetchInterval,
    },
    queryClient,
  )
}

export interface UseEvaluatorRunsOptions extends EvaluatorPollOptions {
  /** only runs in this state */
  status?: EvalRunStatus | undefined
  /** runs per page */
  limit?: number | undefined
}

/** An evaluator's runs, newest first, one page per cursor; `fetchNextPage()` follows `nextCursor`. */
export function useEvaluatorRuns(
  id: string | null | undefined,
  { status, limit = 50, refetchInterval = false }: UseEvaluatorRunsOptions = {},
): UseEvaluatorRunsResult {
  const { client, queryClient, scope } = useSightlineContext('useEvaluatorRuns')
  return useInfiniteQuery(
    {
      queryKey: [...evaluatorKeys.runs, id ?? '', status ?? 'all', limit, scope],
      queryFn: id
        ? ({ pageParam, signal }) =>
            client.listEvaluatorRuns(id, { status, limit, ...(pageParam !== null && { cursor: pageParam }) }, { signal })
        : skipToken,
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
      refetchInterval,
    },
    queryClient,
  )
}

/** How the evaluator's scores agree with reviewers' scores named `human`. */
export function useEvaluatorAgreement(id: string | null | undefined, human: string | null | undefined): UseEvaluatorAgreementResult {
  const { client, queryClient, scope } = useSightlineContext('useEvaluatorAgreement')
  const name = human?.trim() ?? ''
  return useQuery(
    {
      queryKey: [...evaluatorKeys.agreements, id ?? '', name, scope],
      queryFn: id && name ? ({ signal }) => client.getEvaluatorAgreement(id, name, { signal }) : skipToken,
    },
    queryClient,
  )
}

export type UseCreateEvaluatorResult = UseMutationResult<Evaluator, Error, EvaluatorInput>
export type UseUpdateEvaluatorResult = UseMutationResult<Evaluator, Error, { id: string; patch: EvaluatorPatch }>
export type UseDeleteEvaluatorResult = UseMutationResult<Evaluator, Error, string>
export type UsePreviewEvaluatorResult = UseMutationResult<EvaluatorPreviewResult, Error, EvaluatorPreview>

/** Creates an evaluator; evaluator lists refetch after it. */
export function useCreateEvaluator(): UseCreateEvaluatorResult {
  const { client, queryClient } = useSightlineContext('useCreateEvaluator')
  return useMutation(
    {
      mutationFn: (input: EvaluatorInput) => client.createEvaluator(input),
      onSuccess: () => queryClient.invalidateQueries({ queryKey: evaluatorKeys.lists }),
    },
    queryClient,
  )
}

/** Changes an evaluator (`{ active: true }` also resumes a paused one); its list and details refetch. */
export function useUpdateEvaluator(): UseUpdateEvaluatorResult {
  const { client, queryClient } = useSightlineContext('useUpdateEvaluator')
  return useMutation(
    {
      mutationFn: ({ id, patch }: { id: string; patch: EvaluatorPatch }) => client.updateEvaluator(id, patch),
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: evaluatorKeys.lists }),
          queryClient.invalidateQueries({ queryKey: evaluatorKeys.details }),
        ]),
    },
    queryClient,
  )
}

/** Archives an evaluator; lists and details refetch. */
export function useDeleteEvaluator(): UseDeleteEvaluatorResult {
  const { client, queryClient } = useSightlineContext('useDeleteEvaluator')
  return useMutation(
    {
      mutationFn: (id: string) => client.deleteEvaluator(id),
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: evaluatorKeys.lists }),
          queryClient.invalidateQueries({ queryKey: evaluatorKeys.details }),
        ]),
    },
    queryClient,
  )
}

/** Runs an unsaved evaluator on one trace; writes no score. */
export function usePreviewEvaluator(): UsePreviewEvaluatorResult {
  const { client, queryClient } = useSightlineContext('usePreviewEvaluator')
  return useMutation({ mutationFn: (preview: EvaluatorPreview) => client.previewEvaluator(preview) }, queryClient)
}
