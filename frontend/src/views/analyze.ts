import { RecordJson, post } from "../api";
import { h } from "../dom";

export async function analyzeView(root: HTMLElement): Promise<void> {
  const text = h("textarea", { rows: 12, placeholder: "Paste an article…", "aria-label": "Article text", maxlength: 100000 }) as HTMLTextAreaElement;
  const output = h("pre", { class: "record" });
  const button = h("button", { type: "submit" }, "Analyse") as HTMLButtonElement;
  const form = h("form", { class: "analyze" }, text, button);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    output.textContent = "Analysing… (the first analysis loads the language model)";
    try {
      const record = await post<RecordJson>("analyze", { text: text.value, id: "pasted" });
      output.textContent = JSON.stringify(record, null, 2);
    } catch (error) {
      output.textContent = `Analysis failed: ${String(error)}`;
    } finally {
      button.disabled = false;
    }
  });
  root.append(h("h2", {}, "Analyse a document"), h("p", { class: "muted" }, "Nothing is stored: the record is shown below."), form, output);
}
