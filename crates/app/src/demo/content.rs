//! Static content of the fictional demo authority "Stadt Musterstadt am Rhein" (NRW):
//! topic catalogue, ambassadors, candidates, events, costs and post-text fragments for the demo seeder.

/// Display name of the fictional demo authority.
pub const AUTHORITY_NAME: &str = "Stadt Musterstadt am Rhein";

/// Version label of the consent text the demo ambassadors agreed to.
pub const CONSENT_TEXT_VERSION: &str = "2026-01";

/// A topic idea from the authority's topic catalogue.
pub struct TopicSeed {
    pub title: &'static str,
    pub description: &'static str,
    pub prompt: &'static str,
    pub photo_idea: &'static str,
    pub category: &'static str,
    pub tags: &'static [&'static str],
}

/// Topic categories of the catalogue.
pub const CATEGORIES: &[&str] = &[
    "Bauen",
    "Ausbildung",
    "Digitalisierung",
    "Gesundheit",
    "Team",
    "Benefits",
    "Arbeitszeit",
    "Bürgerservice",
    "Umwelt",
    "Kultur",
];

/// Tags that can be attached to topics (1-3 per topic).
pub const TAGS: &[&str] = &[
    "Baustelle",
    "Azubi",
    "Homeoffice",
    "Gleitzeit",
    "Teamwork",
    "Gesundheit",
    "Digital",
    "Bürgernähe",
    "Nachhaltigkeit",
    "Einblick",
    "Karriere",
    "Weiterbildung",
    "Mobilität",
    "Ehrenamt",
    "Quereinstieg",
    "Werkzeuge",
];

/// The topic catalogue with 40 cross-departmental ideas.
#[rustfmt::skip]
pub const TOPICS: [TopicSeed; 40] = [
    // --- Bauen ---
    TopicSeed { title: "Besuch auf der Baustelle", category: "Bauen", tags: &["Baustelle", "Einblick"],
        description: "Ein Baustellentermin ist mehr als Helm aufsetzen: Hier wird abgestimmt, kontrolliert und manchmal auch spontan umgeplant.",
        prompt: "Zeig, wie ein typischer Baustellentermin bei dir abläuft – wer ist dabei, was wird geprüft und was passiert danach im Büro?",
        photo_idea: "Helm und Warnweste am Bauzaun, im Hintergrund der Rohbau – gern mit dem Bauplan in der Hand." },
    TopicSeed { title: "Neubau der Grundschule Am Lindenhof", category: "Bauen", tags: &["Baustelle", "Nachhaltigkeit"],
        description: "Musterstadt baut eine neue vierzügige Grundschule mit Mensa und Photovoltaik auf dem Dach. Von der ersten Skizze bis zum Einzug vergehen Jahre.",
        prompt: "Erzähl, woran du beim Schulneubau gerade arbeitest und worauf du dich freust, wenn die Kinder einziehen.",
        photo_idea: "Blick durch ein künftiges Klassenzimmerfenster auf den Schulhof, Baustellenlicht inklusive." },
    TopicSeed { title: "Wenn die Straße aufgerissen wird", category: "Bauen", tags: &["Baustelle", "Bürgernähe"],
        description: "Kanal, Leitungen, Asphalt: Eine Straßensanierung will gut koordiniert sein, damit Anwohnende und Gewerbe möglichst wenig gestört werden.",
        prompt: "Erklär, warum eine Straßenbaustelle so lange dauert und was alles unter dem Asphalt passiert.",
        photo_idea: "Offene Baugrube mit frisch verlegten Rohren, fotografiert von oben über die Absperrung." },
    TopicSeed { title: "Brückenprüfung im Stadtgebiet", category: "Bauen", tags: &["Baustelle", "Einblick"],
        description: "Alle sechs Jahre wird jede Brücke der Stadt gründlich geprüft – mit Hammer, Lampe und viel Erfahrung.",
        prompt: "Nimm uns mit zur Brückenprüfung: Worauf achtest du, und was verraten Risse und Rost?",
        photo_idea: "Hand mit Prüfhammer am Betonpfeiler, Taschenlampe beleuchtet die Unterseite der Brücke." },
    TopicSeed { title: "Vom Bauantrag zur Baugenehmigung", category: "Bauen", tags: &["Bürgernähe", "Digital"],
        description: "Hinter jeder Baugenehmigung stecken Prüfungen von Abstandsflächen, Brandschutz und Bebauungsplan – und viele Gespräche.",
        prompt: "Zeig, welche Schritte ein Bauantrag bei dir durchläuft und welche Tipps du Bauherrinnen und Bauherren gibst.",
        photo_idea: "Ausgerollter Lageplan auf dem Schreibtisch neben dem Bildschirm mit der digitalen Bauakte." },
    TopicSeed { title: "Eine neue Kita entsteht", category: "Bauen", tags: &["Baustelle", "Nachhaltigkeit"],
        description: "In der Kita Rheinauen entstehen Plätze für sechs Gruppen – in Holzbauweise und mit Gründach.",
        prompt: "Erzähl, was beim Bau einer Kita anders ist als bei anderen Gebäuden und was dir dabei wichtig ist.",
        photo_idea: "Holzmodule, die gerade per Kran eingehoben werden, oder ein Detail der Holzfassade." },
    TopicSeed { title: "Richtfest!", category: "Bauen", tags: &["Baustelle", "Teamwork"],
        description: "Wenn der Dachstuhl steht, wird gefeiert – ein Moment, auf den Planung, Handwerk und Verwaltung gemeinsam hingearbeitet haben.",
        prompt: "Zeig den Moment, in dem ein Projekt sichtbar wächst, und bedank dich bei allen, die daran mitgearbeitet haben.",
        photo_idea: "Richtkranz auf dem Dachstuhl vor blauem Himmel, unten das Team mit Helmen." },
    TopicSeed { title: "Radwege planen", category: "Bauen", tags: &["Mobilität", "Nachhaltigkeit"],
        description: "Ein neuer Radweg beginnt mit Verkehrszählungen, Markierungsplänen und Abstimmungen mit der Politik.",
        prompt: "Erklär, wie ein Radweg in Musterstadt von der Idee auf die Straße kommt.",
        photo_idea: "Frisch markierter roter Radfahrstreifen, fotografiert aus der Perspektive des Fahrradlenkers." },
    // --- Ausbildung ---
    TopicSeed { title: "Mein erster Arbeitstag", category: "Ausbildung", tags: &["Karriere", "Einblick"],
        description: "Neuer Ausweis, neue Kolleginnen und Kollegen, neue Abkürzungen: Der erste Tag bei der Stadt bleibt im Gedächtnis.",
        prompt: "Erzähl von deinem ersten Arbeitstag bei der Stadt – was hat dich überrascht, was hat dir geholfen?",
        photo_idea: "Dein Dienstausweis und die Willkommensmappe auf dem noch leeren Schreibtisch." },
    TopicSeed { title: "Azubi-Alltag in der Verwaltung", category: "Ausbildung", tags: &["Azubi", "Einblick"],
        description: "Alle paar Monate eine neue Abteilung: Die Ausbildung bei der Stadt ist abwechslungsreicher, als viele denken.",
        prompt: "Zeig, in welcher Abteilung du gerade bist und was du hier Neues lernst.",
        photo_idea: "Dein Arbeitsplatz mit Namensschild und einem Gegenstand, der typisch für die aktuelle Station ist." },
    TopicSeed { title: "Zwischen Berufsschule und Rathaus", category: "Ausbildung", tags: &["Azubi", "Weiterbildung"],
        description: "Theorie im Studieninstitut, Praxis im Amt – wie beides zusammenpasst, erleben Azubis jede Woche.",
        prompt: "Erzähl, wie du Berufsschule und Praxis unter einen Hut bringst und welches Fach dich am meisten überrascht hat.",
        photo_idea: "Aufgeschlagenes Gesetzbuch mit bunten Klebezetteln neben dem Rathaus-Kaffeebecher." },
    TopicSeed { title: "Studieren und arbeiten", category: "Ausbildung", tags: &["Karriere", "Weiterbildung"],
        description: "Als Werkstudentin oder Werkstudent bei der Stadt gibt es echte Projekte statt Kaffeekochen.",
        prompt: "Zeig, an welchem Projekt du gerade mitarbeitest und wie du Vorlesungen und Job organisierst.",
        photo_idea: "Laptop mit Projektboard, daneben Uniunterlagen und Kalender." },
    TopicSeed { title: "Quereinstieg in die Verwaltung", category: "Ausbildung", tags: &["Quereinstieg", "Karriere"],
        description: "Vom Handwerk, aus der Gastronomie oder der Privatwirtschaft ins Amt: Quereinsteigende bringen frische Perspektiven mit.",
        prompt: "Erzähl, was du vorher gemacht hast und warum du zur Stadt gewechselt bist.",
        photo_idea: "Ein Gegenstand aus deinem alten Beruf neben deinem heutigen Arbeitsplatz." },
    // --- Digitalisierung ---
    TopicSeed { title: "Meine Werkzeuge", category: "Digitalisierung", tags: &["Werkzeuge", "Digital"],
        description: "Fachverfahren, Messenger, Notizbuch oder Zollstock: Jeder Job hat sein eigenes Handwerkszeug.",
        prompt: "Zeig die drei Tools, ohne die dein Arbeitstag nicht funktionieren würde, und erklär kurz, wofür du sie nutzt.",
        photo_idea: "Flatlay von oben: deine drei wichtigsten Werkzeuge ordentlich nebeneinander auf dem Tisch." },
    TopicSeed { title: "Bürgerservice digital", category: "Digitalisierung", tags: &["Digital", "Bürgernähe"],
        description: "Anwohnerparkausweis, Meldebescheinigung oder Hundesteuer: Immer mehr Anliegen lassen sich online erledigen.",
        prompt: "Erklär, welcher Online-Antrag dir die Arbeit erleichtert und was das für die Bürgerinnen und Bürger bedeutet.",
        photo_idea: "Smartphone mit dem Online-Formular der Stadt in der Hand, im Hintergrund das Rathaus." },
    TopicSeed { title: "E-Akte statt Papierberg", category: "Digitalisierung", tags: &["Digital", "Werkzeuge"],
        description: "Die Umstellung auf die elektronische Akte verändert Abläufe in fast jedem Fachbereich.",
        prompt: "Zeig, wie sich dein Arbeitsplatz seit der E-Akte verändert hat – vorher und nachher.",
        photo_idea: "Vorher-nachher-Foto: links ein Aktenstapel, rechts derselbe Schreibtisch mit zwei Bildschirmen." },
    TopicSeed { title: "Was die IT im Hintergrund leistet", category: "Digitalisierung", tags: &["Digital", "Einblick"],
        description: "Über 1.000 Arbeitsplätze, Schulnetze und Fachverfahren: Ohne die städtische IT läuft nichts.",
        prompt: "Erzähl, welches Problem du zuletzt gelöst hast, ohne dass es jemand bemerkt hat.",
        photo_idea: "Blick in den Serverraum mit blinkenden Lämpchen oder ein Kabelsalat vor und nach dem Aufräumen." },
    // --- Gesundheit ---
    TopicSeed { title: "Gesunde Mittagspause", category: "Gesundheit", tags: &["Gesundheit", "Teamwork"],
        description: "Raus aus dem Büro, rein in den Stadtpark: Eine bewusste Pause macht den Nachmittag leichter.",
        prompt: "Zeig, wie deine Mittagspause aussieht – was isst du, wo tankst du Energie, mit wem verbringst du sie?",
        photo_idea: "Deine Lunchbox auf einer Parkbank mit Blick ins Grüne oder auf den Rhein." },
    TopicSeed { title: "Bewegte Pause", category: "Gesundheit", tags: &["Gesundheit", "Teamwork"],
        description: "Zehn Minuten Dehnen im Flur oder der Lauftreff nach Feierabend: Das Gesundheitsmanagement der Stadt bietet einiges.",
        prompt: "Erzähl, welches Gesundheitsangebot der Stadt du nutzt und was es dir bringt.",
        photo_idea: "Kolleginnen und Kollegen beim Dehnen im Flur, gern mit einem Lachen im Bild." },
    TopicSeed { title: "Mein ergonomischer Arbeitsplatz", category: "Gesundheit", tags: &["Gesundheit", "Werkzeuge"],
        description: "Höhenverstellbarer Tisch, gutes Licht, richtige Bildschirmhöhe: Kleine Dinge mit großer Wirkung für den Rücken.",
        prompt: "Zeig deinen Arbeitsplatz und verrate einen Ergonomie-Tipp, den du selbst erst spät gelernt hast.",
        photo_idea: "Stehschreibtisch in Stehhöhe, fotografiert von der Seite mit gutem Tageslicht." },
    // --- Team ---
    TopicSeed { title: "Unser Teamtag", category: "Team", tags: &["Teamwork"],
        description: "Einmal im Jahr raus aus dem Alltag: Beim Teamtag geht es um Zusammenhalt, neue Ideen und gemeinsames Lachen.",
        prompt: "Erzähl, was ihr beim Teamtag gemacht habt und was davon im Arbeitsalltag hängen geblieben ist.",
        photo_idea: "Gruppenfoto draußen, alle springen gleichzeitig – oder die Hände aller übereinander." },
    TopicSeed { title: "Mein Team stellt sich vor", category: "Team", tags: &["Teamwork", "Einblick"],
        description: "Hinter jedem Fachbereich stehen Menschen mit ganz unterschiedlichen Geschichten.",
        prompt: "Stell dein Team vor: Wer macht was, und was macht euch als Team besonders?",
        photo_idea: "Das Team vor dem Bürofenster oder im Treppenhaus des Rathauses – nur mit Einverständnis aller im Bild." },
    TopicSeed { title: "Ideen aus der Kaffeeküche", category: "Team", tags: &["Teamwork"],
        description: "Manche der besten Lösungen entstehen nicht im Meeting, sondern an der Kaffeemaschine.",
        prompt: "Erzähl von einer Idee, die bei euch ganz informell entstanden ist und dann umgesetzt wurde.",
        photo_idea: "Zwei Tassen mit Rathaus-Logo auf der Arbeitsfläche der Teeküche." },
    TopicSeed { title: "Ehrenamt und Engagement", category: "Team", tags: &["Ehrenamt", "Teamwork"],
        description: "Viele Kolleginnen und Kollegen engagieren sich nach Feierabend – im Sportverein, bei der Lebensmittelausgabe oder im Löschzug.",
        prompt: "Zeig, wofür du dich ehrenamtlich engagierst und wie die Stadt dich dabei unterstützt.",
        photo_idea: "Vereinstrikot oder Einsatzjacke über der Stuhllehne am Arbeitsplatz." },
    // --- Benefits ---
    TopicSeed { title: "Benefits der Stadt als Arbeitgeberin", category: "Benefits", tags: &["Karriere", "Mobilität"],
        description: "Jobticket, Dienstrad-Leasing, betriebliche Altersvorsorge und sichere Arbeitsplätze: Die Stadt hat als Arbeitgeberin mehr zu bieten, als viele denken.",
        prompt: "Erzähl, welcher Benefit der Stadt für dich den größten Unterschied macht und warum.",
        photo_idea: "Jobticket auf dem Smartphone vor der Bushaltestelle am Rathaus." },
    TopicSeed { title: "Mit dem Dienstrad zur Arbeit", category: "Benefits", tags: &["Mobilität", "Gesundheit"],
        description: "Über das Dienstrad-Leasing fahren viele Kolleginnen und Kollegen inzwischen mit dem (E-)Rad ins Rathaus.",
        prompt: "Zeig deinen Arbeitsweg mit dem Rad und erzähl, was sich seitdem für dich verändert hat.",
        photo_idea: "Dein Fahrrad am Fahrradständer vor dem Rathaus, Helm am Lenker." },
    TopicSeed { title: "Fortbildung, die weiterbringt", category: "Benefits", tags: &["Weiterbildung", "Karriere"],
        description: "Ob Lehrgang, Fachtagung oder Führungskräfteprogramm: Die Stadt investiert in die Entwicklung ihrer Beschäftigten.",
        prompt: "Erzähl von einer Fortbildung, die dich weitergebracht hat, und was du davon im Alltag anwendest.",
        photo_idea: "Teilnahmezertifikat oder Seminarunterlagen neben deinem Notizbuch." },
    // --- Arbeitszeit ---
    TopicSeed { title: "So strukturiere ich meinen Tag", category: "Arbeitszeit", tags: &["Werkzeuge", "Einblick"],
        description: "To-do-Liste, Zeitblöcke oder Kanban-Board: Jede und jeder hat eigene Wege, den Arbeitstag zu organisieren.",
        prompt: "Zeig, wie du deinen Arbeitstag planst – von der ersten Mail bis zum Feierabend.",
        photo_idea: "Dein Wochenplaner oder Whiteboard mit Tagesplan – vertrauliche Inhalte vorher abdecken." },
    TopicSeed { title: "Gleitzeit – so nutze ich sie", category: "Arbeitszeit", tags: &["Gleitzeit"],
        description: "Früh starten und nachmittags zum Sport oder später anfangen nach dem Kita-Bringen: Gleitzeit macht es möglich.",
        prompt: "Erzähl, wie du deine Gleitzeit gestaltest und was sie dir im Alltag ermöglicht.",
        photo_idea: "Zeiterfassungsterminal oder Uhr im Rathausflur mit deinem Kaffeebecher im Vordergrund." },
    TopicSeed { title: "Mobiles Arbeiten", category: "Arbeitszeit", tags: &["Homeoffice", "Digital"],
        description: "Ein bis zwei Tage pro Woche von zu Hause: Mobiles Arbeiten gehört für viele Beschäftigte der Stadt inzwischen dazu.",
        prompt: "Zeig deinen Homeoffice-Platz und erzähl, welche Aufgaben du dort am liebsten erledigst.",
        photo_idea: "Laptop am Küchentisch oder im Arbeitszimmer, daneben eine Tasse und eine Pflanze." },
    TopicSeed { title: "Familie und Beruf", category: "Arbeitszeit", tags: &["Gleitzeit", "Karriere"],
        description: "Teilzeit, Jobsharing oder Elternzeit: Im öffentlichen Dienst lassen sich Familie und Beruf oft gut verbinden.",
        prompt: "Erzähl, wie du Familie und Job organisierst und was dir dabei hilft.",
        photo_idea: "Kinderzeichnung an der Pinnwand neben deinem Bildschirm." },
    // --- Bürgerservice ---
    TopicSeed { title: "Hinter den Kulissen des Standesamts", category: "Bürgerservice", tags: &["Einblick", "Bürgernähe"],
        description: "Geburten, Eheschließungen, Sterbefälle: Im Standesamt liegen die schönsten und die schwersten Momente oft nah beieinander.",
        prompt: "Nimm uns mit hinter die Kulissen des Standesamts – was passiert, bevor das Brautpaar den Trausaal betritt?",
        photo_idea: "Der leere, festlich geschmückte Trausaal im Rathaus kurz vor einer Trauung." },
    TopicSeed { title: "Ein Tag im Bürgerbüro", category: "Bürgerservice", tags: &["Bürgernähe"],
        description: "Personalausweis, Ummeldung, Führungszeugnis: Im Bürgerbüro kommt die ganze Stadt vorbei.",
        prompt: "Erzähl, welches Anliegen heute besonders war und was dir an der Arbeit mit Menschen gefällt.",
        photo_idea: "Der Tresen des Bürgerbüros vor Öffnung, mit Nummernanzeige und Blumen." },
    TopicSeed { title: "Einsatzbereit bei der Feuerwehr", category: "Bürgerservice", tags: &["Einblick", "Ehrenamt"],
        description: "Berufsfeuerwehr und Freiwillige Feuerwehr arbeiten in Musterstadt Hand in Hand – rund um die Uhr.",
        prompt: "Zeig, was zwischen zwei Einsätzen auf der Wache passiert – von der Fahrzeugpflege bis zur Übung.",
        photo_idea: "Helm und Einsatzjacke am Haken, im Hintergrund das Löschfahrzeug in der Halle." },
    TopicSeed { title: "Unterwegs mit dem Ordnungsdienst", category: "Bürgerservice", tags: &["Bürgernähe", "Einblick"],
        description: "Der Kommunale Ordnungsdienst ist oft erste Ansprechstelle auf der Straße – und mehr als nur Knöllchen.",
        prompt: "Erzähl von einer Situation auf Streife, in der du jemandem helfen konntest.",
        photo_idea: "Dienstfahrrad oder Dienstfahrzeug vor dem Marktplatz, ohne erkennbare Passantinnen und Passanten." },
    // --- Umwelt ---
    TopicSeed { title: "Grünflächenpflege im Stadtpark", category: "Umwelt", tags: &["Nachhaltigkeit", "Einblick"],
        description: "Rasen, Beete, Spielplätze: Das Team der Grünflächen sorgt dafür, dass Musterstadt grün und sicher bleibt.",
        prompt: "Zeig, woran ihr gerade im Park arbeitet und welche Pflanze du besonders magst.",
        photo_idea: "Arbeitshandschuhe auf einer Schubkarre voller frischer Blühpflanzen." },
    TopicSeed { title: "Stadtbäume unter Beobachtung", category: "Umwelt", tags: &["Nachhaltigkeit"],
        description: "Mehr als 20.000 Stadtbäume werden regelmäßig kontrolliert – Hitzesommer machen ihnen zunehmend zu schaffen.",
        prompt: "Erklär, woran du erkennst, ob ein Baum gesund ist, und was die Stadt für neue Bäume tut.",
        photo_idea: "Baumplakette mit Nummer am Stamm, daneben der Klopfhammer oder das Tablet zur Baumkontrolle." },
    TopicSeed { title: "Klimaschutz im Rathaus", category: "Umwelt", tags: &["Nachhaltigkeit", "Mobilität"],
        description: "Photovoltaik, Wärmepumpen und E-Dienstwagen: Die Stadt will bis 2040 klimaneutral werden.",
        prompt: "Erzähl, welches Klimaschutzprojekt dich gerade beschäftigt und was jede und jeder im Büro beitragen kann.",
        photo_idea: "Solarmodule auf dem Rathausdach oder die Ladesäule für die E-Dienstwagen." },
    // --- Kultur ---
    TopicSeed { title: "Mehr als Bücher: die Stadtbibliothek", category: "Kultur", tags: &["Einblick", "Digital"],
        description: "Makerspace, E-Book-Ausleihe und Lesestart für Kinder: Die Stadtbibliothek ist ein Treffpunkt für alle Generationen.",
        prompt: "Zeig ein Angebot der Bibliothek, das kaum jemand kennt, und erzähl, wer es nutzt.",
        photo_idea: "Leseecke mit Sitzsäcken im Morgenlicht, bevor die Bibliothek öffnet." },
    TopicSeed { title: "Ein Stadtfest organisieren", category: "Kultur", tags: &["Teamwork", "Bürgernähe"],
        description: "Bühnen, Genehmigungen, Sicherheitskonzept: Hinter dem Rheinuferfest stecken Monate an Vorbereitung.",
        prompt: "Erzähl, was alles passieren muss, damit ein Stadtfest reibungslos läuft, und was dein Part dabei ist.",
        photo_idea: "Bühnenaufbau am Vormittag vor dem Fest, mit Technikkisten im Vordergrund." },
];

/// A member of the pilot cohort ("Amtfluencer").
pub struct PersonSeed {
    pub first_name: &'static str,
    pub last_name: &'static str,
    pub department: &'static str,
    pub job_title: &'static str,
    pub track: &'static str,
    pub gender: Option<&'static str>,
    pub birth_year: Option<u16>,
    pub bio: &'static str,
    pub ask_me_about: &'static [&'static str],
    pub monthly_goal: u8,
    pub activity: u8,
    pub prefers_construction: bool,
}

/// Departments of the fictional city administration.
pub const DEPARTMENTS: &[&str] = &[
    "Bauverwaltung",
    "Tiefbau",
    "Hochbau",
    "Bürgerservice",
    "Personal und Organisation",
    "Digitalisierung und IT",
    "Kita und Schule",
    "Umwelt und Grünflächen",
    "Kultur",
    "Ordnungsamt",
    "Presse und Kommunikation",
    "Feuerwehr",
];

/// The 18 ambassadors of the pilot cohort (2026-02-01 to 2026-07-31).
#[rustfmt::skip]
pub const AMBASSADORS: [PersonSeed; 18] = [
    PersonSeed { first_name: "Katharina", last_name: "Brenner", department: "Hochbau", job_title: "Architektin",
        track: "employee", gender: Some("f"), birth_year: Some(1984), monthly_goal: 3, activity: 5, prefers_construction: true,
        bio: "Ich plane Schulen und Kitas für Musterstadt und bin am liebsten auf der Baustelle. Auf LinkedIn zeige ich, wie aus Plänen Gebäude werden.",
        ask_me_about: &["Schulbau", "Holzbauweise", "Quereinstieg aus dem Architekturbüro"] },
    PersonSeed { first_name: "Mehmet", last_name: "Yıldırım", department: "Tiefbau", job_title: "Bauingenieur",
        track: "employee", gender: Some("m"), birth_year: Some(1979), monthly_goal: 2, activity: 4, prefers_construction: true,
        bio: "Seit zwölf Jahren kümmere ich mich um Straßen, Brücken und Kanäle in Musterstadt. Ich erkläre gern, warum Baustellen manchmal länger dauern.",
        ask_me_about: &["Brückenprüfung", "Straßensanierung"] },
    PersonSeed { first_name: "Jana", last_name: "Oberkamp", department: "Bauverwaltung", job_title: "Sachbearbeiterin Baugenehmigungen",
        track: "employee", gender: Some("f"), birth_year: Some(1991), monthly_goal: 2, activity: 3, prefers_construction: true,
        bio: "Ich prüfe Bauanträge und berate Bauherrinnen und Bauherren. Mein Ziel: Genehmigungen verständlich machen.",
        ask_me_about: &["Bauantrag", "Digitale Bauakte", "Gleitzeit"] },
    PersonSeed { first_name: "Tobias", last_name: "Lindner", department: "Tiefbau", job_title: "Bauleitung Straßenbau",
        track: "employee", gender: None, birth_year: None, monthly_goal: 1, activity: 2, prefers_construction: true,
        bio: "Ich leite Straßenbaustellen vom ersten Spatenstich bis zur Abnahme. Mein Büro ist meistens der Bauwagen.",
        ask_me_about: &["Baustellenkoordination", "Asphalt und Kanal"] },
    PersonSeed { first_name: "Aleksandra", last_name: "Nowak", department: "Hochbau", job_title: "Projektleiterin Kita-Neubau",
        track: "employee", gender: Some("f"), birth_year: Some(1988), monthly_goal: 4, activity: 4, prefers_construction: true,
        bio: "Ich verantworte den Neubau der Kita Rheinauen. Nebenbei bin ich Mutter von zwei Kindern und Fan von Gleitzeit.",
        ask_me_about: &["Kita-Bau", "Familie und Beruf", "Nachhaltiges Bauen"] },
    PersonSeed { first_name: "Lukas", last_name: "Hoffmeister", department: "Digitalisierung und IT", job_title: "Anwendungsbetreuung Fachverfahren",
        track: "employee", gender: None, birth_year: Some(1994), monthly_goal: 2, activity: 3, prefers_construction: false,
        bio: "Ich sorge dafür, dass die Online-Anträge der Stadt funktionieren. Digitale Verwaltung ist für mich kein Buzzword, sondern Alltag.",
        ask_me_about: &["Online-Anträge", "E-Akte"] },
    PersonSeed { first_name: "Sophie", last_name: "Krüger", department: "Personal und Organisation", job_title: "Personalreferentin",
        track: "employee", gender: Some("f"), birth_year: Some(1993), monthly_goal: 2, activity: 3, prefers_construction: false,
        bio: "Ich begleite neue Kolleginnen und Kollegen vom Vorstellungsgespräch bis zum ersten Arbeitstag. Fragt mich gern, wie man zur Stadt kommt.",
        ask_me_about: &["Bewerbung bei der Stadt", "Benefits", "Onboarding"] },
    PersonSeed { first_name: "Emre", last_name: "Kaya", department: "Personal und Organisation", job_title: "Auszubildender Verwaltungsfachangestellter",
        track: "apprentice", gender: Some("m"), birth_year: Some(2006), monthly_goal: 2, activity: 3, prefers_construction: false,
        bio: "Ich bin im zweiten Ausbildungsjahr und lerne gerade jede Abteilung kennen. Ich poste, wie eine Ausbildung bei der Stadt wirklich aussieht.",
        ask_me_about: &["Ausbildung", "Berufsschule"] },
    PersonSeed { first_name: "Mia", last_name: "Schulte", department: "Bürgerservice", job_title: "Auszubildende Verwaltungsfachangestellte",
        track: "apprentice", gender: Some("f"), birth_year: Some(2009), monthly_goal: 1, activity: 2, prefers_construction: false,
        bio: "Ich habe im Sommer meine Ausbildung begonnen und bin gerade im Bürgerbüro. Jeder Tag ist anders!",
        ask_me_about: &["Erster Arbeitstag", "Azubi-Alltag"] },
    PersonSeed { first_name: "Jonas", last_name: "Petersen", department: "Presse und Kommunikation", job_title: "Werkstudent Social Media",
        track: "working_student", gender: Some("m"), birth_year: Some(2001), monthly_goal: 3, activity: 4, prefers_construction: false,
        bio: "Ich studiere Kommunikationswissenschaft und unterstütze das Social-Media-Team der Stadt. Fotos mit dem Handy sind meine Leidenschaft.",
        ask_me_about: &["Handyfotografie", "Studieren und arbeiten", "LinkedIn-Tipps"] },
    PersonSeed { first_name: "Fatma", last_name: "Demir", department: "Bürgerservice", job_title: "Teamleiterin Bürgerbüro",
        track: "employee", gender: Some("f"), birth_year: Some(1976), monthly_goal: 2, activity: 2, prefers_construction: false,
        bio: "Seit über 20 Jahren bin ich im Bürgerservice – und die Menschen sind immer noch das Beste daran.",
        ask_me_about: &["Bürgerbüro", "Führen in Teilzeit"] },
    PersonSeed { first_name: "Daniel", last_name: "Wójcik", department: "Ordnungsamt", job_title: "Fachkraft im Kommunalen Ordnungsdienst",
        track: "employee", gender: None, birth_year: Some(1987), monthly_goal: 2, activity: 0, prefers_construction: false,
        bio: "Ich bin im Kommunalen Ordnungsdienst unterwegs und oft die erste Ansprechperson auf der Straße.",
        ask_me_about: &["Ordnungsdienst", "Schichtdienst"] },
    PersonSeed { first_name: "Henrike", last_name: "Albers", department: "Kultur", job_title: "Leiterin der Stadtbibliothek",
        track: "employee", gender: Some("f"), birth_year: Some(1969), monthly_goal: 1, activity: 1, prefers_construction: false,
        bio: "Ich leite die Stadtbibliothek und möchte zeigen, dass Bibliotheken heute viel mehr sind als Bücherregale.",
        ask_me_about: &["Bibliothek der Zukunft", "Leseförderung"] },
    PersonSeed { first_name: "Samuel", last_name: "Okafor", department: "Umwelt und Grünflächen", job_title: "Gärtnermeister",
        track: "employee", gender: Some("m"), birth_year: Some(1985), monthly_goal: 2, activity: 3, prefers_construction: false,
        bio: "Ich bin mit meinem Team für die Parks und Spielplätze der Stadt zuständig. Draußen arbeiten ist für mich das Größte.",
        ask_me_about: &["Stadtgrün", "Baumpflege", "Ausbildung im Gartenbau"] },
    PersonSeed { first_name: "Lea", last_name: "Fischbach", department: "Kita und Schule", job_title: "Kita-Leiterin",
        track: "employee", gender: Some("f"), birth_year: None, monthly_goal: 2, activity: 0, prefers_construction: false,
        bio: "Ich leite eine städtische Kita mit fünf Gruppen und freue mich darauf, unseren Alltag zu zeigen.",
        ask_me_about: &["Kita-Alltag", "Erzieherberuf"] },
    PersonSeed { first_name: "Robin", last_name: "Bergmann", department: "Digitalisierung und IT", job_title: "Fachkraft für Informationssicherheit",
        track: "employee", gender: Some("d"), birth_year: None, monthly_goal: 2, activity: 2, prefers_construction: false,
        bio: "Ich kümmere mich darum, dass die Daten der Bürgerinnen und Bürger sicher sind. Ich erkläre gern, wie man Phishing erkennt.",
        ask_me_about: &["Informationssicherheit", "Homeoffice"] },
    PersonSeed { first_name: "Nina", last_name: "Hartwig", department: "Umwelt und Grünflächen", job_title: "Klimaschutzmanagerin",
        track: "employee", gender: Some("f"), birth_year: Some(1995), monthly_goal: 3, activity: 4, prefers_construction: false,
        bio: "Ich bringe den Klimaschutz in alle Fachbereiche der Stadt. Mit dem Dienstrad bin ich meistens schneller als mit dem Auto.",
        ask_me_about: &["Klimaschutz", "Dienstrad", "Nachhaltigkeit im Büro"] },
    PersonSeed { first_name: "Kim", last_name: "Reuter", department: "Kita und Schule", job_title: "Sachbearbeitung Schulentwicklungsplanung",
        track: "employee", gender: None, birth_year: Some(1982), monthly_goal: 2, activity: 0, prefers_construction: false,
        bio: "Ich plane, wie viele Schulplätze Musterstadt in Zukunft braucht. Zahlen, Prognosen und viele Gespräche.",
        ask_me_about: &["Schulplanung", "Gleitzeit"] },
];

/// A candidate for the next cohort ("Amtfluencer 2.0").
pub struct CandidateSeed {
    pub first_name: &'static str,
    pub last_name: &'static str,
    pub department: &'static str,
    pub job_title: &'static str,
    pub track: &'static str,
    pub gender: Option<&'static str>,
    pub birth_year: Option<u16>,
    pub status: &'static str,
    pub self_nominated: bool,
    pub note: &'static str,
}

/// Candidates for the next cohort; statuses cover every pipeline stage.
#[rustfmt::skip]
pub const CANDIDATES: [CandidateSeed; 12] = [
    CandidateSeed { first_name: "Paulina", last_name: "Richter", department: "Tiefbau", job_title: "Vermessungstechnikerin",
        track: "employee", gender: Some("f"), birth_year: Some(1996), status: "applied", self_nominated: true,
        note: "Fotografiert privat viel, hat sich nach einem Beitrag von Mehmet gemeldet." },
    CandidateSeed { first_name: "Kerem", last_name: "Aydın", department: "Tiefbau", job_title: "Auszubildender Straßenbauer",
        track: "apprentice", gender: Some("m"), birth_year: Some(2010), status: "interested", self_nominated: false,
        note: "Unter 18: Einwilligung der Erziehungsberechtigten einholen, bevor wir ihn einladen." },
    CandidateSeed { first_name: "Marie", last_name: "Lorenz", department: "Hochbau", job_title: "Auszubildende Bauzeichnerin",
        track: "apprentice", gender: Some("f"), birth_year: Some(2007), status: "invited", self_nominated: false,
        note: "Von Katharina vorgeschlagen." },
    CandidateSeed { first_name: "Finn", last_name: "Haverkamp", department: "Digitalisierung und IT", job_title: "Auszubildender Fachinformatiker",
        track: "apprentice", gender: Some("m"), birth_year: Some(2005), status: "attended", self_nominated: true,
        note: "War bei der Infoveranstaltung, möchte vor allem über Azubi-Themen posten." },
    CandidateSeed { first_name: "Zeynep", last_name: "Arslan", department: "Bauverwaltung", job_title: "Werkstudentin Stadtplanung",
        track: "working_student", gender: Some("f"), birth_year: Some(2002), status: "selected", self_nominated: true,
        note: "Vertrag läuft bis Herbst 2027, passt zur Laufzeit." },
    CandidateSeed { first_name: "Leon", last_name: "Brandt", department: "Digitalisierung und IT", job_title: "Werkstudent IT-Support",
        track: "working_student", gender: Some("m"), birth_year: None, status: "interested", self_nominated: false,
        note: "" },
    CandidateSeed { first_name: "Irina", last_name: "Wolf", department: "Bürgerservice", job_title: "Standesbeamtin",
        track: "employee", gender: Some("f"), birth_year: Some(1983), status: "selected", self_nominated: false,
        note: "Standesamt-Themen sind gefragt; Fotos nur mit Einverständnis der Brautpaare." },
    CandidateSeed { first_name: "Stefan", last_name: "Kramer", department: "Feuerwehr", job_title: "Brandmeister",
        track: "employee", gender: Some("m"), birth_year: Some(1990), status: "declined", self_nominated: false,
        note: "Schichtdienst lässt aktuell keine Zeit zu, 2027 erneut ansprechen." },
    CandidateSeed { first_name: "Anja", last_name: "Köhler", department: "Personal und Organisation", job_title: "Ausbildungsleiterin",
        track: "employee", gender: Some("f"), birth_year: Some(1978), status: "attended", self_nominated: false,
        note: "Könnte die Azubis im Programm begleiten." },
    CandidateSeed { first_name: "Dragan", last_name: "Petrović", department: "Umwelt und Grünflächen", job_title: "Baumkontrolleur",
        track: "employee", gender: Some("m"), birth_year: Some(1974), status: "invited", self_nominated: false,
        note: "" },
    CandidateSeed { first_name: "Charlotte", last_name: "Weber", department: "Kultur", job_title: "Museumspädagogin",
        track: "employee", gender: Some("f"), birth_year: Some(1989), status: "declined", self_nominated: true,
        note: "Möchte nach der Elternzeit wieder angefragt werden." },
    CandidateSeed { first_name: "Alex", last_name: "Schmitz", department: "Kita und Schule", job_title: "Erziehungsfachkraft",
        track: "employee", gender: None, birth_year: None, status: "applied", self_nominated: true,
        note: "" },
];

/// A programme event (info event, workshop, webinar, network meeting).
pub struct EventSeed {
    pub kind: &'static str,
    pub title: &'static str,
    pub date: &'static str,
    pub start: &'static str,
    pub end: &'static str,
    pub location: &'static str,
    pub online: bool,
    pub capacity: u16,
    pub attendance_percent: u8,
}

/// Events of the pilot cohort plus the info event for the next cohort.
#[rustfmt::skip]
pub const EVENTS: [EventSeed; 7] = [
    EventSeed { kind: "info_event", title: "Infoveranstaltung: Werde Amtfluencer!", date: "2026-01-15",
        start: "10:00", end: "11:30", location: "Ratssaal, Rathaus Musterstadt", online: false, capacity: 60, attendance_percent: 89 },
    EventSeed { kind: "kickoff_photo", title: "Auftaktworkshop Teil 1: Gute Fotos mit dem Smartphone", date: "2026-02-03",
        start: "09:00", end: "13:00", location: "Sitzungssaal 1.05, Rathaus Musterstadt", online: false, capacity: 20, attendance_percent: 94 },
    EventSeed { kind: "kickoff_text", title: "Auftaktworkshop Teil 2: Textwerkstatt – so baue ich einen Post auf", date: "2026-02-05",
        start: "09:30", end: "13:30", location: "Sitzungssaal 1.05, Rathaus Musterstadt", online: false, capacity: 20, attendance_percent: 89 },
    EventSeed { kind: "webinar", title: "Webinar: LinkedIn für Beschäftigte im öffentlichen Dienst", date: "2026-03-11",
        start: "10:00", end: "12:00", location: "Videokonferenz", online: true, capacity: 25, attendance_percent: 78 },
    EventSeed { kind: "network_meeting", title: "Netzwerktreffen: Was läuft gut, was nicht?", date: "2026-04-22",
        start: "14:00", end: "15:30", location: "Besprechungsraum 3.12, Rathaus Musterstadt", online: false, capacity: 20, attendance_percent: 72 },
    EventSeed { kind: "network_meeting", title: "Netzwerktreffen: Halbzeitbilanz und Ausblick", date: "2026-06-17",
        start: "13:30", end: "15:30", location: "Besprechungsraum 3.12, Rathaus Musterstadt", online: false, capacity: 20, attendance_percent: 67 },
    EventSeed { kind: "info_event", title: "Infoveranstaltung: Amtfluencer 2.0", date: "2026-12-03",
        start: "10:00", end: "11:30", location: "Ratssaal, Rathaus Musterstadt", online: false, capacity: 60, attendance_percent: 0 },
];

/// A cost item of the pilot programme.
pub struct CostSeed {
    pub category: &'static str,
    pub description: &'static str,
    pub amount_cents: i64,
    pub date: &'static str,
    pub note: &'static str,
}

/// Costs of the (low-budget) pilot programme.
#[rustfmt::skip]
pub const COSTS: [CostSeed; 6] = [
    CostSeed { category: "material", description: "18 Smartphone-Stative mit Bluetooth-Auslöser und 18 Ansteck-LED-Leuchten",
        amount_cents: 61_920, date: "2026-02-02", note: "Sammelbestellung über den zentralen Einkauf, je 34,40 € pro Set." },
    CostSeed { category: "photography", description: "Externer Fotograf für den Auftaktworkshop Teil 1 (Bildgestaltung mit dem Handy)",
        amount_cents: 120_000, date: "2026-02-03", note: "Halbtagessatz inkl. Vorbereitung und Übungsaufgaben." },
    CostSeed { category: "catering", description: "Getränke und Imbiss für beide Auftaktworkshops",
        amount_cents: 38_450, date: "2026-02-05", note: "Über die Kantine im Rathaus." },
    CostSeed { category: "training", description: "Webinar einer auf Behörden spezialisierten Social-Media-Agentur",
        amount_cents: 240_000, date: "2026-03-11", note: "Pauschale für bis zu 25 Teilnehmende, inkl. Handout." },
    CostSeed { category: "software", description: "Jahreslizenz Bildbearbeitungs-App für das Kommunikationsteam",
        amount_cents: 14_280, date: "2026-03-02", note: "Vorlagen im Stadt-Design für Beitragsbilder." },
    CostSeed { category: "catering", description: "Kaffee und Kuchen für das Netzwerktreffen im Juni",
        amount_cents: 12_600, date: "2026-06-17", note: "" },
];

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

/// The first version of the demo authority's social-media guidelines.
pub const GUIDELINES_TITLE: &str = "Leitlinien für Amtfluencer der Stadt Musterstadt am Rhein";

/// Paragraphs separated by blank lines.
pub const GUIDELINES_BODY: &str = "Du sprichst auf LinkedIn als Mensch, der bei der Stadt arbeitet – nicht als Pressestelle. Erzähl von deinem Arbeitsalltag, so wie er ist.

Neutralität: Keine parteipolitischen Äußerungen im Zusammenhang mit deiner Arbeit, besonders nicht vor Wahlen.

Vertraulichkeit: Keine Personalangelegenheiten, keine Aktenzeichen, keine laufenden Vergaben, keine Namen von Bürgerinnen und Bürgern ohne deren Zustimmung.

Fotos: Wer auf einem Foto erkennbar ist, muss vorher zustimmen. Achte auf Bildschirme, Akten und Kennzeichen im Hintergrund.

Presseanfragen und Kritik: Anfragen von Medien leitest du an die Pressestelle weiter. Auf Kritik darfst du freundlich antworten; bei Beschwerden verweist du an den Bürgerservice.

Arbeitszeit: Beiträge entstehen in der Arbeitszeit, wenn du möchtest. Niemand erwartet Posts am Wochenende.

Freiwilligkeit: Du entscheidest, ob und wie oft du postest. Zwei Beiträge im Monat sind eine Orientierung, keine Pflicht.";
