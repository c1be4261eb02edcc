// Fill a scorecard with pdf.js (the engine of Firefox's viewer) and save it, as Firefox does:
// values go into the document's annotation storage, then saveDocument() writes the PDF.
//   node fill.mjs CARD.pdf OUT.pdf '{"field": "value", ...}'
import { readFileSync, writeFileSync } from "node:fs";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";

const [source, target, json] = process.argv.slice(2);
const values = JSON.parse(json);
const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(source)) }).promise;
for (let number = 1; number <= doc.numPages; number++) {
  const page = await doc.getPage(number);
  for (const annotation of await page.getAnnotations()) {
    const value = values[annotation.fieldName];
    if (value === undefined || annotation.readOnly) continue;
    if (annotation.fieldType === "Ch") {
      const option = annotation.options.find(
        (o) => o.exportValue === value || o.displayValue === value
          || o.displayValue.split(" ")[0] === value);
      if (option) doc.annotationStorage.setValue(annotation.id, { value: [option.exportValue] });
    } else {
      doc.annotationStorage.setValue(annotation.id, { value });
    }
  }
}
writeFileSync(target, await doc.saveDocument());
