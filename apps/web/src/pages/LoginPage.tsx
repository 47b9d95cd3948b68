import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate, useSearchParams } from "react-router";
import { serverMessage } from "../lib/errors.ts";
import { homeOf, type LoginState, safeNext } from "../lib/session.ts";
import { LanguageSwitch } from "../shell/Header.tsx";
import { useTRPC } from "../trpc.ts";

export function LoginPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const state = useLocation().state as LoginState;
  const expired = state?.expired === true;
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [missing, setMissing] = useState(false);
  const usernameInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const errorId = useId();

  useEffect(() => {
    usernameInput.current?.focus();
  }, []);

  // Signing out: end the session, and nothing of this user stays in memory.
  const logout = useMutation(trpc.auth.logout.mutationOptions());
  const signedOut = useRef(false);
  useEffect(() => {
    if (!state?.signOut || signedOut.current) return;
    signedOut.current = true;
    queryClient.removeQueries();
    logout.mutate();
  }, [state, queryClient, logout]);

  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: (me) => {
        // A new user: nothing the previous one loaded may show.
        queryClient.removeQueries();
        queryClient.setQueryData(trpc.auth.me.queryKey(), me);
        void navigate(safeNext(params.get("next")) ?? homeOf(me), { replace: true });
      },
      onError: () => {
        passwordInput.current?.select();
      },
    }),
  );

  const error = missing
    ? t("login.required")
    : login.isError
      ? (serverMessage(login.error) ?? t("app.networkError"))
      : null;

  return (
    <div className="login-page">
      <div className="login-top">
        <LanguageSwitch />
      </div>
      <main className="login-card">
        <div className="login-brand">
          <span className="brand-mark" aria-hidden="true" />
          <h1>{t("app.title")}</h1>
        </div>
        <p className="login-sub">{t("login.subtitle")}</p>
        {expired && (
          <p className="notice notice-warn" role="status" data-testid="login-expired">
            {t("login.expired")}
          </p>
        )}
        <form
          className="login-form"
          noValidate
          aria-describedby={error ? errorId : undefined}
          onSubmit={(event) => {
            event.preventDefault();
            if (username.trim() === "" || password === "") {
              setMissing(true);
              (username.trim() === "" ? usernameInput : passwordInput).current?.focus();
              return;
            }
            setMissing(false);
            login.mutate({ username: username.trim(), password });
          }}
        >
          <label className="field">
            <span>{t("login.username")}</span>
            <input
              ref={usernameInput}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              onChange={(event) => setUsername(event.target.value)}
              aria-invalid={error !== null && username.trim() === "" ? true : undefined}
            />
          </label>
          <label className="field">
            <span>{t("login.password")}</span>
            <input
              ref={passwordInput}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              aria-invalid={error !== null && !missing ? true : undefined}
            />
          </label>
          <div id={errorId} className="form-error" aria-live="assertive" data-testid="login-error">
            {error}
          </div>
          <button type="submit" className="button primary login-submit" disabled={login.isPending}>
            {login.isPending ? t("login.submitting") : t("login.submit")}
          </button>
        </form>
        <p className="login-hint">{t("login.demoHint")}</p>
      </main>
    </div>
  );
}
