//! Fragments the demo seeder builds post texts from.

/// Text fragments for generated demo post texts: hooks, story sentences by category, closing questions, hashtags.
pub const HOOKS: &[&str] = &[
    "Das hätte ich vor meinem ersten Tag bei der Stadt nicht gedacht.",
    "Heute nehme ich euch mit: {topic}.",
    "„Verwaltung ist langweilig“? Dann schaut mal hier.",
    "Um 7:15 Uhr stehe ich schon mit Helm auf der Baustelle.",
    "Eine Frage, die ich ständig höre: Was macht ihr eigentlich den ganzen Tag?",
    "{topic} – klingt trocken, ist es aber nicht.",
    "Drei Dinge, die ich diese Woche gelernt habe.",
    "Dieses Foto zeigt mehr von meinem Job als jede Stellenanzeige.",
    "Ein ganz normaler Dienstag in Musterstadt. Oder doch nicht?",
    "Hinter den Kulissen: {topic}.",
    "Ich werde oft gefragt, warum ich im öffentlichen Dienst arbeite. Hier ist meine Antwort.",
    "Manchmal sind es die kleinen Dinge, die einen Arbeitstag besonders machen.",
    "Was viele nicht wissen: {topic}.",
    "Vor einem Jahr war das hier noch eine grüne Wiese.",
    "Heute gibt es keinen Hochglanz, sondern ehrliche Einblicke.",
    "Ohne mein Team wäre dieser Moment nicht möglich gewesen.",
];

/// Story sentences per category; `{topic}` may be replaced by the topic title.
#[rustfmt::skip]
pub const STORY_SENTENCES: &[(&str, &[&str])] = &[
    ("Bauen", &[
        "Zwischen Plan und fertigem Gebäude liegen unzählige Abstimmungen mit Handwerksbetrieben, Fachplanung und Politik.",
        "Heute ging es auf der Baustelle vor allem um Details, die später niemand sieht, die aber entscheidend sind.",
        "Jeder Bauabschnitt, der fertig wird, fühlt sich ein bisschen wie ein kleiner Sieg an.",
    ]),
    ("Ausbildung", &[
        "In der Ausbildung lerne ich alle paar Monate einen neuen Bereich der Stadt kennen.",
        "Am meisten hilft mir, dass ich jederzeit Fragen stellen darf – und ehrliche Antworten bekomme.",
    ]),
    ("Digitalisierung", &[
        "Was früher drei Ordner und zwei Wochen gebraucht hat, erledigen wir heute digital in wenigen Tagen.",
        "Digitalisierung heißt für uns vor allem: weniger Wege für die Bürgerinnen und Bürger.",
    ]),
    ("Gesundheit", &[
        "Eine echte Pause ohne Bildschirm macht für mich den Unterschied zwischen einem zähen und einem guten Nachmittag.",
        "Die Stadt unterstützt uns mit Angeboten, die man tatsächlich in den Alltag einbauen kann.",
    ]),
    ("Team", &[
        "Gute Zusammenarbeit entsteht nicht im Organigramm, sondern im Miteinander.",
        "Wir sind ein bunt gemischtes Team – und genau das macht uns stark.",
    ]),
    ("Benefits", &[
        "Jobticket und Dienstrad klingen nach Kleinigkeiten, machen meinen Alltag aber deutlich entspannter.",
        "Sicherer Arbeitsplatz, Fortbildungen und faire Bezahlung: Das wird in der Stellenanzeige oft unterschätzt.",
    ]),
    ("Arbeitszeit", &[
        "Dank Gleitzeit kann ich meinen Tag so legen, dass Job und Privatleben zusammenpassen.",
        "Meine konzentriertesten Stunden sind morgens – deshalb liegen dort die schwierigen Aufgaben.",
    ]),
    ("Bürgerservice", &[
        "Jedes Anliegen ist für die Menschen vor mir wichtig, auch wenn es für uns Routine ist.",
        "Das schönste Feedback ist ein ehrliches Danke am Schalter.",
    ]),
    ("Umwelt", &[
        "Was wir heute pflanzen, spendet in zwanzig Jahren Schatten für die ganze Straße.",
        "Klimaschutz passiert nicht nur in großen Beschlüssen, sondern in vielen kleinen Entscheidungen im Alltag.",
    ]),
    ("Kultur", &[
        "Kultur ist für mich der Ort, an dem sich Musterstadt begegnet.",
        "Hinter jeder Veranstaltung stecken Wochen an Planung, die man am Ende hoffentlich nicht merkt.",
    ]),
];

/// Questions to the readers that close a generated post.
pub const CLOSING_QUESTIONS: &[&str] = &[
    "Wie sieht das bei euch aus?",
    "Hättet ihr gedacht, dass so etwas zur Arbeit in der Verwaltung gehört?",
    "Welche Frage zu meinem Job wolltet ihr schon immer mal stellen?",
    "Was ist euer bester Tipp für eine gute Pause?",
    "Welches Thema soll ich mir als Nächstes vornehmen?",
    "Arbeitet ihr auch mit Gleitzeit – und wie nutzt ihr sie?",
    "Welches Tool könntet ihr im Arbeitsalltag nicht mehr missen?",
    "Wer von euch war schon mal auf einer Baustelle hinter dem Bauzaun?",
    "Was hat euch an eurem ersten Arbeitstag am meisten geholfen?",
    "Was verbindet ihr mit dem öffentlichen Dienst – und hat sich das geändert?",
    "Kennt ihr jemanden, für den dieser Job genau das Richtige wäre?",
];

/// Hashtags (without '#') for generated demo posts.
pub const HASHTAGS: &[&str] = &[
    "Musterstadt",
    "Amtfluencer",
    "Verwaltung",
    "ÖffentlicherDienst",
    "Ausbildung",
    "Bauen",
    "Stadtverwaltung",
    "Kommune",
    "NRW",
    "Karriere",
    "Arbeitgeber",
    "Digitalisierung",
    "Teamwork",
    "Nachhaltigkeit",
    "Behördenalltag",
    "NewWork",
];
