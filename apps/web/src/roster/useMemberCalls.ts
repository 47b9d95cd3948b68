import type { RosterMemberDto, SiteRowDto } from "@beltmap/api";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { issuesByField, serverMessage } from "../lib/errors.ts";
import { useRowStates } from "../lib/rowStates.ts";
import { useCycleInput } from "../shell/cycle.ts";
import { useTRPC } from "../trpc.ts";
import type { MemberForm } from "./MemberDialog.tsx";

type DialogError = { issues: Record<string, string>; message: string | null };
const NO_ERROR: DialogError = { issues: {}, message: null };

/**
 * The roster's writes: add or edit a member (refused on the dialog's fields), deactivate or
 * reactivate it, link it to a site (refused on its row). Each tells what it did (`notify`) and
 * refreshes what counts members: sites, belts' compliance, dashboard, map, audit.
 */
export function useMemberCalls({
  members,
  sites,
  notify,
  closeDialog,
  onCreated,
}: {
  members: readonly RosterMemberDto[];
  sites: readonly SiteRowDto[];
  notify: (text: string) => void;
  closeDialog: () => void;
  /** A member was added (to be brought into view and linked). */
  onCreated: (id: number) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cycleInput = useCycleInput();
  const rows = useRowStates();
  const [dialogError, setDialogError] = useState<DialogError>(NO_ERROR);

  const changed = async () => {
    for (const key of [
      trpc.site.pathKey(),
      trpc.belt.pathKey(),
      trpc.dashboard.pathKey(),
      trpc.map.pathKey(),
      trpc.audit.pathKey(),
    ])
      void queryClient.invalidateQueries({ queryKey: key });
    await queryClient.invalidateQueries({ queryKey: trpc.roster.pathKey() });
  };
  const refuseInDialog = (error: unknown) => {
    const issues = issuesByField(error);
    const onForm = ["name", "title", "unitId"].some((field) => issues[field] !== undefined);
    setDialogError({ issues, message: onForm ? null : (serverMessage(error) ?? t("app.networkError")) });
  };
  const saved = async (text: string) => {
    closeDialog();
    notify(text);
    await changed();
  };

  const create = useMutation(
    trpc.roster.create.mutationOptions({
      onSuccess: ({ id }, input) => {
        onCreated(id);
        return saved(t("roster.created", { name: input.name }));
      },
      onError: refuseInDialog,
    }),
  );
  const edit = useMutation(
    trpc.roster.update.mutationOptions({
      onSuccess: (_data, input) => saved(t("roster.saved", { name: input.name })),
      onError: refuseInDialog,
    }),
  );
  const toggle = useMutation(
    trpc.roster.update.mutationOptions({
      onSuccess: (_data, input) =>
        saved(t(input.active ? "roster.reactivated" : "roster.deactivated", { name: input.name })),
    }),
  );
  const link = useMutation(
    trpc.roster.link.mutationOptions({
      onMutate: (input) => {
        rows.setBusy(input.memberId, true);
        rows.setError(input.memberId, null);
      },
      onSuccess: async (_data, input) => {
        const member = members.find((m) => m.id === input.memberId);
        const site = sites.find((s) => s.organizationId === input.organizationId);
        if (member)
          notify(
            site
              ? t("roster.linked", { name: member.name, site: site.name })
              : t("roster.unlinked", { name: member.name }),
          );
        await changed();
      },
      onError: (error, input) => rows.setError(input.memberId, serverMessage(error) ?? t("app.networkError")),
      onSettled: (_d, _e, input) => rows.setBusy(input.memberId, false),
    }),
  );

  return {
    rows,
    /** The member dialog's state: its call, and the server's refusal. */
    dialog: { pending: create.isPending || edit.isPending, ...dialogError },
    /** The deactivate / reactivate dialog's state. */
    toggling: {
      pending: toggle.isPending,
      error: toggle.error ? (serverMessage(toggle.error) ?? t("app.networkError")) : null,
    },
    /** Forgets the last refusal, before a dialog opens. */
    resetDialog: () => setDialogError(NO_ERROR),
    resetToggle: () => toggle.reset(),
    /** Saves the member dialog: a new member (null), or the name and post of `member`. */
    save: (member: RosterMemberDto | null, form: MemberForm) => {
      if (member)
        edit.mutate({
          id: member.id,
          name: form.name,
          title: form.title,
          active: member.active,
          ...cycleInput,
        });
      else create.mutate({ unitId: form.unitId, name: form.name, title: form.title });
    },
    /** Deactivates an active member, reactivates an inactive one. */
    setActive: (member: RosterMemberDto) =>
      toggle.mutate({
        id: member.id,
        name: member.name,
        title: member.title,
        active: !member.active,
        ...cycleInput,
      }),
    link: (member: RosterMemberDto, organizationId: number | null) =>
      link.mutate({ memberId: member.id, organizationId, ...cycleInput }),
  };
}
