/**
 * Out-of-office wording in the languages a radiology mentor is likely to write in
 * (English, Spanish, French, German, Portuguese, Italian, Dutch). Subjects are what
 * mail clients put in front of an auto-reply; body phrases are the opening sentence.
 */

/** Subjects of vacation / auto-reply messages. */
export const OOO_SUBJECT = new RegExp(
  [
    // English (Outlook: "Automatic reply:", older Exchange: "Out of Office AutoReply:")
    String.raw`\bauto(matic|mated)?[ -]?(reply|response|respon(d|se)r|antwort)\b`,
    String.raw`\bout of (the )?office\b`,
    String.raw`\b(away|on vacation|on leave|on holiday|annual leave|vacation reply)\b`,
    String.raw`\bautoreply\b`,
    // Spanish
    String.raw`respuesta autom[aá]tica|fuera de la oficina|de vacaciones|ausente\b`,
    // French
    String.raw`r[ée]ponse automatique|absence du bureau|absent\(e\)|\bje suis absente?\b|\ben cong[ée]s?\b`,
    // German
    String.raw`automatische antwort|abwesenheitsnotiz|abwesend|au[sß]er haus|im urlaub`,
    // Portuguese
    String.raw`resposta autom[aá]tica|fora do escrit[oó]rio|ausente do escrit[oó]rio|em f[eé]rias`,
    // Italian
    String.raw`risposta automatica|fuori ufficio|fuori sede|in ferie|assente`,
    // Dutch
    String.raw`automatisch antwoord|afwezig|buiten kantoor|met vakantie`,
  ].join('|'),
  'i',
);

/** Opening sentences of an out-of-office body; checked on the first lines only. */
export const OOO_BODY = new RegExp(
  [
    String.raw`\bI(?:'m| am| will be)? (?:currently )?(?:out of (?:the )?office|away from (?:the |my )?(?:office|desk|email)|on (?:vacation|holiday|leave|annual leave|sabbatical))`,
    String.raw`\bthis is an (?:automatic|automated) (?:reply|response|message)\b`,
    String.raw`\bI will (?:have limited|not have) access to (?:my )?e-?mail\b`,
    String.raw`\b(?:estoy|estar[eé]) (?:fuera de la oficina|de vacaciones|ausente)`,
    String.raw`\bje (?:suis|serai) (?:absente?|en cong[ée]s?|en vacances)`,
    String.raw`\bich bin (?:derzeit |zurzeit |bis .{1,30})?(?:nicht im b[üu]ro|abwesend|im urlaub|au[sß]er haus)`,
    String.raw`\b(?:estou|estarei) (?:fora do escrit[oó]rio|de f[eé]rias|ausente)`,
    String.raw`\b(?:sono|sar[oò]) (?:fuori (?:ufficio|sede)|in ferie|assente)`,
    String.raw`\bik ben (?:momenteel |tot .{1,30})?(?:afwezig|met vakantie|niet op kantoor|buiten kantoor)`,
  ].join('|'),
  'i',
);
