import { useEffect, useState } from "preact/hooks";
import type { InspectReport } from "makemore";
import type { InspectClient } from "../store/inspect-client.js";

export interface ReportState {
  report: InspectReport | null;
  error: string | null;
  busy: boolean;
}

/** The library's inspectModel of the model the page holds, asked again whenever that model changes (a new best, an upload). */
export function useReport(client: InspectClient, model: Uint8Array | null, words: string[]): ReportState {
  const [state, setState] = useState<ReportState>({ report: null, error: null, busy: false });
  useEffect(() => {
    if (!model) return setState({ report: null, error: null, busy: false });
    let live = true;
    setState((s) => ({ ...s, busy: true }));
    client
      .ask({ cmd: "inspect", model, words })
      .then((report) => live && setState({ report, error: null, busy: false }))
      .catch((e: Error) => live && setState({ report: null, error: `makemore: ${e.message}`, busy: false }));
    return () => {
      live = false;
    };
  }, [client, model, words]);
  return state;
}
