/**
 * Out-of-office wording in the languages of the world's faculty: English, Spanish, Portuguese,
 * French, German, Italian, Dutch, Polish, Swedish, Turkish, Russian, Chinese, Japanese and
 * Korean. Subjects are what mail clients put in front of an auto-reply (Outlook/Exchange's
 * localised "Automatic reply:" prefixes, Gmail's vacation responder, Notes' "AUTO:"); body
 * phrases are the opening sentence. Sample: BounceParser t/corpus/polish-autoreply.msg
 * ("[Automatyczna odpowiedź]"), warning-6.msg ("AUTO: ... is out of the office").
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
    // Polish
    String.raw`automatyczna odpowied[zź]|poza biurem|nieobecno[sś][cć]|na urlopie`,
    // Swedish
    String.raw`automatiskt svar|fr[åa]nvaro(meddelande)?|inte p[åa] kontoret|p[åa] semester`,
    // Turkish
    String.raw`otomatik (yan[ıi]t|cevap)|ofis d[ıi][şs][ıi]nda|izindeyim`,
    // Russian
    String.raw`автоматический ответ|автоответ|нет в офисе|вне офиса|в отпуске|отсутствую`,
    // Chinese
    String.raw`自动回复|自動回覆|自動回復|不在办公室|不在辦公室|休假`,
    // Japanese
    String.raw`自動応答|自動返信|不在通知|不在のお知らせ|休暇`,
    // Korean
    String.raw`자동 ?응답|자동 ?회신|부재중|부재 중|휴가`,
    // Lotus Notes out-of-office agent: "AUTO: <name> is out of the office"
    String.raw`^AUTO:`,
    // Auto-acknowledgements: a form letter, not a person (BounceParser t/corpus/autoreply.msg)
    String.raw`^thank you for (your|the) (e-?mail|message)\b|^(we|i) have received your (e-?mail|message)|^your (e-?mail|message) has been received`,
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
    String.raw`\bjestem (?:obecnie )?(?:poza biurem|na urlopie|nieobecn[ya])`,
    String.raw`\bjag (?:är|kommer att vara) (?:inte på kontoret|på semester|ledig|tjänstledig|bortrest)`,
    String.raw`(?:ofis dışındayım|izindeyim|şu anda ofiste değilim)`,
    String.raw`(?:я )?(?:нахожусь в отпуске|в отпуске до|нахожусь вне офиса|отсутствую до|не смогу ответить)`,
    String.raw`(?:我(?:目前|现在|正在)?(?:休假|不在办公室|出差)|我(?:目前|現在)?(?:休假|不在辦公室|出差))`,
    String.raw`(?:不在にしております|休暇(?:を取得して|中)|出張中のため)`,
    String.raw`(?:부재중입니다|휴가 중입니다|출장 중입니다)`,
    String.raw`\bthank you for (?:your|the) (?:e-?mail|message)\.? (?:this is an automat|i am (?:currently )?(?:out|away))`,
  ].join('|'),
  'i',
);
