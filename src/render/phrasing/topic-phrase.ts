/**
 * A topic put in front of a phrase ("imaging research") without saying a word twice:
 * "cardiac imaging" + "imaging research" -> "cardiac imaging research";
 * "breast MRI" + "imaging research" -> "breast MRI research" (the I of MRI is "imaging");
 * "interventional radiology" + "radiology research" -> "interventional radiology research";
 * "neuroradiology" + "radiology research" -> "neuroradiology research";
 * "musculoskeletal radiology" + "imaging research" -> "musculoskeletal radiology research".
 */
// Modalities whose name already says "imaging" (or is a kind of imaging).
const IMPLIES_IMAGING = new Set([
  'mri', 'mr', 'ct', 'pet', 'spect', 'pet/ct', 'pet/mri', 'pet-ct', 'pet-mri', 'cmr', 'fmri', 'dwi', 'dti',
  'ultrasound', 'ultrasonography', 'sonography', 'us', 'mammography', 'tomosynthesis', 'radiography',
  'fluoroscopy', 'angiography', 'elastography', 'scintigraphy', 'imaging', 'cta', 'mra', 'ccta',
  // Radiology is imaging: "interventional radiology imaging research" says it twice.
  'radiology', 'neuroradiology',
]);

function key(word: string): string {
  return word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}/-]+$/gu, '');
}

/** True when the topic already says `word` (or a modality that means it). */
function topicSays(topicWords: string[], word: string): boolean {
  const k = key(word);
  return topicWords.some((t) => {
    const tk = key(t);
    if (tk === k) return true;
    if (k === 'imaging' && IMPLIES_IMAGING.has(tk)) return true;
    // "neuroradiology" says "radiology"; "neuroimaging" says "imaging".
    return k.length >= 5 && tk.length > k.length && tk.endsWith(k);
  });
}

export function topicPhrase(topic: string, phrase: string): string {
  let topicWords = topic.trim().split(/\s+/).filter(Boolean);
  const phraseWords = phrase.trim().split(/\s+/).filter(Boolean);
  if (topicWords.length === 0) return phraseWords.join(' ');
  // "cancer research" + "imaging research": the topic's last word moves to the phrase's place.
  while (topicWords.length > 1 && phraseWords.slice(1).some((w) => key(w) === key(topicWords[topicWords.length - 1]!)))
    topicWords = topicWords.slice(0, -1);
  // Drop the phrase's leading words the topic already says; its head noun ("research") stays.
  let i = 0;
  while (i < phraseWords.length - 1 && topicSays(topicWords, phraseWords[i]!)) i++;
  return [...topicWords, ...phraseWords.slice(i)].join(' ');
}
