import "../i18n/import.ts";
import type { ImportPreviewDto } from "@beltmap/api";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ExportOrganizations } from "../data/ExportOrganizations.tsx";
import { QualityList } from "../data/QualityList.tsx";
import { saveBase64File } from "../lib/download.ts";
import { serverMessage } from "../lib/errors.ts";
import { useCycle } from "../shell/cycle.ts";
import { trpcClient } from "../trpc.ts";

type CoordChoice = "AUTO" | "WGS84" | "GCJ02" | "BD09";
const CHOICES: readonly CoordChoice[] = ["AUTO", "WGS84", "GCJ02", "BD09"];
/** As the server: larger files are refused before upload, with the same message. */
const MAX_BYTES = 10 * 1024 * 1024;

type Upload = { fileName: string; base64: string; system: CoordChoice };

/** The file's bytes as base64, in slices: one String.fromCharCode over megabytes overflows the stack. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

/** Seconds since `running` turned true, ticking: a long check shows it is alive. */
function useElapsedSeconds(running: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!running) return;
    setSeconds(0);
    const started = Date.now();
    const timer = window.setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 500);
    return () => window.clearInterval(timer);
  }, [running]);
  return seconds;
}

/**
 * 导入党组织: the template, then a file previewed with every problem listed by row and column, then
 * imported in one step (all rows or none). For the city (any unit) and a county (its own unit).
 */
export function ImportPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // Organisations are not per cycle: an import made while a past one is shown changes every year's.
  const cycle = useCycle();
  const fileId = useId();
  const systemId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [system, setSystem] = useState<CoordChoice>("AUTO");
  const [reading, setReading] = useState(false);
  const [tooBig, setTooBig] = useState(false);
  const [upload, setUpload] = useState<Upload | null>(null);

  const template = useMutation({
    mutationFn: () => trpcClient.organizationImport.template.query(),
    onSuccess: saveBase64File,
  });
  const preview = useMutation({
    mutationFn: (input: Upload) => trpcClient.organizationImport.preview.mutate(input),
  });
  const commit = useMutation({
    mutationFn: (input: Upload) => trpcClient.organizationImport.commit.mutate(input),
    // Every view of the organisations (map, queue, dashboard) reads them again.
    onSuccess: () => void queryClient.invalidateQueries(),
  });
  const report = useMutation({
    mutationFn: (input: Upload) => trpcClient.organizationImport.report.mutate(input),
    onSuccess: saveBase64File,
  });
  const checkingSeconds = useElapsedSeconds(preview.isPending);
  const committingSeconds = useElapsedSeconds(commit.isPending);

  const choose = (next: File | null, nextSystem = system) => {
    setFile(next);
    setSystem(nextSystem);
    setUpload(null);
    setTooBig(false);
    preview.reset();
    commit.reset();
    report.reset();
  };

  const runPreview = async () => {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setTooBig(true);
      return;
    }
    setReading(true);
    try {
      const input = { fileName: file.name, base64: await base64Of(file), system };
      setUpload(input);
      preview.mutate(input);
    } finally {
      setReading(false);
    }
  };

  const result = preview.data;
  const clean = result !== undefined && result.fileProblems.length === 0 && result.problemsTotal === 0;
  const busy = reading || preview.isPending || commit.isPending;

  return (
    <div className="page import-page">
      <div className="page-head">
        <h2>{t("data.title")}</h2>
      </div>
      <h3>{t("import.title")}</h3>
      {cycle.isPast && cycle.selected && (
        <p className="notice notice-warn" role="note" data-testid="import-past-cycle">
          {t("import.pastCycle", { year: cycle.selected.year })}
        </p>
      )}
      <p className="field-hint">{t("import.intro")}</p>
      <div className="import-steps">
        <button
          type="button"
          className="button"
          onClick={() => template.mutate()}
          disabled={template.isPending}
          data-testid="import-template"
        >
          {t("import.template")}
        </button>
        {/* The browser's own file button speaks the browser's language: a Chinese label stands in. */}
        <input
          id={fileId}
          className="visually-hidden"
          type="file"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          onChange={(event) => choose(event.target.files?.[0] ?? null)}
          disabled={busy}
          data-testid="import-file"
        />
        <label htmlFor={fileId} className={busy ? "button disabled" : "button"}>
          {t("import.choose")}
        </label>
        <span className="import-file-name" data-testid="import-file-name">
          {file ? `${file.name}（${sizeText(file.size)}）` : t("import.file")}
        </span>
        <label htmlFor={systemId}>{t("import.system")}</label>
        <select
          id={systemId}
          value={system}
          onChange={(event) => choose(file, event.target.value as CoordChoice)}
          disabled={busy}
          data-testid="import-system"
        >
          {CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {t(`import.systems.${choice}`)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button primary"
          onClick={() => void runPreview()}
          disabled={!file || busy}
          data-testid="import-preview"
        >
          {t("import.preview")}
        </button>
      </div>

      {tooBig && (
        <p className="form-error" role="alert">
          {t("import.tooBig")}
        </p>
      )}
      {(reading || preview.isPending || commit.isPending) && (
        <div className="import-progress" role="status" data-testid="import-progress">
          <progress />
          <span>
            {reading && file
              ? t("import.reading", { size: sizeText(file.size) })
              : commit.isPending
                ? t("import.committing", { seconds: committingSeconds })
                : t("import.checking", { seconds: checkingSeconds })}
          </span>
        </div>
      )}
      {template.error && <ErrorLine error={template.error} />}
      {preview.error && <ErrorLine error={preview.error} />}

      {result && (
        <Preview
          result={result}
          clean={clean}
          actions={
            upload && (
              <>
                <button
                  type="button"
                  className="button primary"
                  onClick={() => commit.mutate(upload)}
                  disabled={!clean || busy || commit.isSuccess}
                  data-testid="import-commit"
                >
                  {t("import.commit")}
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => report.mutate(upload)}
                  disabled={report.isPending}
                  data-testid="import-report"
                >
                  {t("import.report")}
                </button>
              </>
            )
          }
        />
      )}
      {commit.error && <ErrorLine error={commit.error} />}
      {commit.data && (
        <p className="notice notice-success" role="status" data-testid="import-done">
          {t("import.done", { create: commit.data.rows.create, update: commit.data.rows.update })}
        </p>
      )}
      <ExportOrganizations />
      <QualityList />
    </div>
  );
}

function ErrorLine({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <p className="form-error" role="alert">
      {serverMessage(error) ?? t("app.networkError")}
    </p>
  );
}

function Preview({
  result,
  clean,
  actions,
}: {
  result: ImportPreviewDto;
  clean: boolean;
  actions: ReactNode;
}) {
  const { t } = useTranslation();
  const { detected } = result.system;
  return (
    <section className="import-preview" data-testid="import-result">
      <p data-testid="import-summary">
        <strong>{t("import.summary", result.rows)}</strong>
      </p>
      <p className="field-hint">
        {result.encoding && `${t("import.encoding", { encoding: result.encoding })}；`}
        {t("import.systemUsed", { system: t(`import.systems.${result.system.used}`) })}
        {detected &&
          t("import.detected", {
            system: t(`import.systems.${detected.system}`),
            sure: detected.confident ? "" : t("import.notSure"),
          })}
      </p>
      {result.notices.map((notice) => (
        <p key={notice} className="field-hint">
          {notice}
        </p>
      ))}
      {result.fileProblems.length > 0 && (
        <div className="notice notice-error" role="alert" data-testid="import-file-problems">
          <p>{t("import.fileProblems")}</p>
          <ul>
            {result.fileProblems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      {clean && <p className="notice notice-success">{t("import.noProblems")}</p>}
      <div className="import-actions">{actions}</div>
      {result.problems.length > 0 && (
        <>
          <h3>{t("import.problems", { count: result.problemsTotal })}</h3>
          <div className="table-wrap">
            <table className="data-table import-problems" data-testid="import-problems">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t("import.columns.row")}
                  </th>
                  <th scope="col">{t("import.columns.column")}</th>
                  <th scope="col">{t("import.columns.message")}</th>
                  <th scope="col">{t("import.columns.suggestions")}</th>
                </tr>
              </thead>
              <tbody>
                {result.problems.map((problem, i) => (
                  // A row can have several problems in one column: the index keeps keys apart.
                  // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced whole, never reordered
                  <tr key={`${problem.row}-${problem.column}-${i}`} data-row={problem.row}>
                    <td className="num">{problem.row}</td>
                    <td>{problem.column}</td>
                    <td>{problem.message}</td>
                    <td>{problem.suggestions.join("、")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {result.problemsTotal > result.problems.length && (
            <p className="field-hint">
              {t("import.moreProblems", { count: result.problemsTotal - result.problems.length })}
            </p>
          )}
        </>
      )}
    </section>
  );
}
