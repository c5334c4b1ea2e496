"""What each demo task committee works on, in words a municipality would use.

Per committee (by slug): ``topic``, how a sentence names the subject ("en ny politik for …"),
proper nouns capitalised; ``task``, the assignment in its terms of reference; and, for the
committees that get that far, ``recommendations``: (the recommendation, the note the
follow-up ends with).
"""

from typing import Any

TOPICS: dict[str, dict[str, Any]] = {
    # --- 2015–18 ----------------------------------------------------------------------------
    "innovation": {
        "topic": "innovation i kommunens opgaveløsning",
        "task": "Udvalget skal finde ud af, hvordan borgere, virksomheder og medarbejdere kan "
        "udvikle nye løsninger sammen med kommunen, og hvordan gode forsøg bliver til drift.",
        "recommendations": [
            (
                "Opret en innovationspulje, som medarbejdere og borgere kan søge sammen.",
                "Puljen blev oprettet i 2017 og har støttet 14 projekter.",
            ),
            (
                "Afprøv nye løsninger i små forsøg, før de indføres i hele kommunen.",
                "Forsøg er nu et fast trin i Økonomiudvalgets projektmodel.",
            ),
            (
                "Del erfaringer fra forsøgene åbent på kommunens hjemmeside.",
                "Erfaringerne ligger på gentofte.dk under »Forsøg og resultater«.",
            ),
        ],
    },
    "integration": {
        "topic": "integration af nye borgere",
        "task": "Udvalget skal komme med forslag til, hvordan flygtninge og andre nye borgere "
        "hurtigt finder fodfæste i job, uddannelse og foreningsliv i Gentofte.",
        "recommendations": [
            (
                "Giv hver ny borger en frivillig kontaktperson det første år.",
                "Ordningen drives sammen med Frivilligcenter Gentofte; 120 borgere har haft "
                "en kontaktperson.",
            ),
            (
                "Kombinér danskundervisning med praktik i lokale virksomheder fra første måned.",
                "Jobcentret tilbyder nu sprogpraktik i samarbejde med 35 virksomheder.",
            ),
            (
                "Inviter nye borgere ind i idrætsforeningerne med et gratis første år.",
                "Kontingentstøtten er indført via Kultur-, Unge- og Fritidsudvalgets pulje.",
            ),
        ],
    },
    "integration-2": {
        "topic": "integration af flygtningefamilier",
        "task": "Udvalget skal bygge videre på det første integrationsudvalg med fokus på "
        "børnefamilier: skole, dagtilbud og forældrenes vej til job.",
        "recommendations": [
            (
                "Giv familier én gennemgående kontakt i kommunen på tværs af forvaltninger.",
                "Familierådgivere med tværgående ansvar blev ansat i 2018.",
            ),
            (
                "Tilbyd forældrekurser om den danske skole og daginstitution.",
                "Kurserne holdes fire gange om året på Gentofte Hovedbibliotek.",
            ),
            (
                "Skab flere praktikpladser for forældre i kommunens egne institutioner.",
                "Kommunen har oprettet 40 faste praktikpladser.",
            ),
        ],
    },
    "anbringelse": {
        "topic": "anbragte børn og unge",
        "task": "Udvalget skal se på, hvordan anbragte børn og unge får en stabil hverdag, "
        "bevarer kontakten til deres netværk og får en god overgang til voksenlivet.",
        "recommendations": [
            (
                "Inddrag barnet eller den unge i alle væsentlige beslutninger om anbringelsen.",
                "Et børnepanel giver nu input til Ældre-, Social- og Sundhedsudvalget to gange "
                "om året.",
            ),
            (
                "Tilbyd alle anbragte unge en mentor fra 16 år til 23 år.",
                "Mentorordningen er gjort permanent.",
            ),
            (
                "Styrk støtten til plejefamilier med fast supervision.",
                "Supervision tilbydes nu alle plejefamilier hver måned.",
            ),
        ],
    },
    "specialundervisning": {
        "topic": "specialundervisning og inklusion",
        "task": "Udvalget skal komme med forslag til, hvordan flere børn med særlige behov kan "
        "trives og lære i den almindelige folkeskole, og hvornår et specialtilbud er bedst.",
        "recommendations": [
            (
                "Giv hver skole et team med specialviden, som lærerne kan trække på i klassen.",
                "Inklusionsteams er etableret på alle skoler.",
            ),
            (
                "Inddrag forældrene tidligere, når der overvejes et specialtilbud.",
                "Ny procedure for forældremøder er indført fra skoleåret 2017/18.",
            ),
            (
                "Følg op på alle elevers trivsel hvert år, ikke kun deres faglige resultater.",
                "Trivselsmålingen indgår nu i skolernes kvalitetsrapport.",
            ),
        ],
    },
    "arkitektur": {
        "topic": "arkitektur og byens rum",
        "task": "Udvalget skal formulere, hvad god arkitektur er i Gentofte, og hvordan "
        "hensynet til villabyerne og de grønne områder indgår i byggesager.",
        "recommendations": [
            (
                "Udarbejd en arkitekturpolitik med eksempler fra kommunens egne bydele.",
                "Arkitekturpolitikken blev vedtaget i 2017.",
            ),
            (
                "Uddel en årlig arkitekturpris, som borgerne kan indstille til.",
                "Prisen uddeles hvert efterår; første gang i 2017.",
            ),
            (
                "Tilbyd bygherrer en gratis samtale om arkitektur, før de søger byggetilladelse.",
                "Forhåndsdialogen er en del af byggesagsbehandlingen.",
            ),
        ],
    },
    "udskoling": {
        "topic": "udskolingen",
        "task": "Udvalget skal komme med forslag til, hvordan de ældste elever i folkeskolen "
        "bliver motiverede og godt rustet til ungdomsuddannelse.",
        "recommendations": [
            (
                "Giv eleverne i 7.–9. klasse valgfag i samarbejde med gymnasier og erhvervsskoler.",
                "Valgfagene udbydes nu på alle skoler sammen med fire uddannelsessteder.",
            ),
            (
                "Lad eleverne arbejde med virkelige opgaver fra lokale virksomheder.",
                "Projektet »Virkelige opgaver« er gennemført på seks skoler.",
            ),
            (
                "Styrk vejledningen om ungdomsuddannelse allerede fra 7. klasse.",
                "Vejledningen er udvidet med et forløb i 7. klasse.",
            ),
        ],
    },
    "digitalisering": {
        "topic": "digitalisering af kommunens service",
        "task": "Udvalget skal komme med forslag til, hvordan digitale løsninger gør kontakten "
        "med kommunen lettere uden at lade borgere uden digitale færdigheder i stikken.",
        "recommendations": [
            (
                "Tilbyd personlig hjælp til digitale løsninger på bibliotekerne.",
                "Digital hjælp tilbydes på alle biblioteker to dage om ugen.",
            ),
            (
                "Skriv alle breve og digitale blanketter i et klart og enkelt sprog.",
                "Kommunens skabeloner er skrevet om, og medarbejderne er undervist.",
            ),
            (
                "Test nye selvbetjeningsløsninger med borgerne, før de tages i brug.",
                "Brugertest indgår nu i alle digitaliseringsprojekter.",
            ),
        ],
    },
    "ungepolitik": {
        "topic": "en ungepolitik",
        "task": "Udvalget skal udvikle en ungepolitik sammen med de unge selv, om uddannelse, "
        "fritid, trivsel og indflydelse på kommunens beslutninger.",
        "recommendations": [
            (
                "Opret et ungeråd, der høres om alle sager, der vedrører unge.",
                "Ungerådet har holdt møde med Kultur-, Unge- og Fritidsudvalget siden 2017.",
            ),
            (
                "Skab steder, hvor unge kan mødes uden at skulle købe noget.",
                "Ungdomshuset i Gentofte Centrum har fået nye åbningstider.",
            ),
            (
                "Giv unge en pulje, som de selv fordeler til deres egne projekter.",
                "Ungepuljen har støttet 32 projekter.",
            ),
        ],
    },
    "boligsocial-indsats": {
        "topic": "den boligsociale indsats",
        "task": "Udvalget skal komme med forslag til, hvordan kommunen, boligselskaberne og "
        "beboerne sammen skaber trygge og levende almene boligområder.",
        "recommendations": [
            (
                "Ansæt en fælles boligsocial medarbejder i hvert større boligområde.",
                "Boligsociale medarbejdere er ansat i Kildegården og Gentofte Park.",
            ),
            (
                "Støt lektiecaféer og fritidsjob for børn og unge i boligområderne.",
                "Lektiecaféerne drives af frivillige med støtte fra kommunen.",
            ),
            (
                "Inddrag beboerne, når udearealerne renoveres.",
                "Beboerne har været med til at planlægge tre renoveringer.",
            ),
        ],
    },
    "sundhedspolitik": {
        "topic": "en ny sundhedspolitik",
        "task": "Udvalget skal udarbejde forslag til en sundhedspolitik, der sætter borgernes "
        "egne ressourcer og hverdagslivet i centrum.",
        "recommendations": [
            (
                "Gør det let at bevæge sig i hverdagen med stier, trapper og cykelparkering.",
                "Anbefalingen er indarbejdet i Sundhedspolitikken 2018–2021.",
            ),
            (
                "Tilbyd sundhedssamtaler til borgere, der ikke selv opsøger hjælp.",
                "Sundhedssamtalerne tilbydes via de praktiserende læger.",
            ),
            (
                "Styrk samarbejdet med foreningerne om forebyggelse.",
                "Fem foreninger har indgået partnerskab med Sundhedscenter Gentofte.",
            ),
        ],
    },
    "borgerrettet-behandling": {
        "topic": "borgerrettet behandling",
        "task": "Udvalget skal se på, hvordan behandling og genoptræning tilrettelægges ud fra "
        "borgerens eget liv og mål, og hvordan pårørende inddrages.",
        "recommendations": [
            (
                "Lav en fælles plan med hver borger, som alle fagpersoner følger.",
                "Den fælles plan bruges nu i genoptræning og hjemmepleje.",
            ),
            (
                "Inddrag de pårørende fra første samtale, hvis borgeren ønsker det.",
                "Pårørendesamtaler er en del af visitationen.",
            ),
            (
                "Tilbyd genoptræning i borgerens eget hjem, når det giver mening.",
                "Hjemmetræning tilbydes nu som et fast alternativ.",
            ),
        ],
    },
    "foraeldre-i-gentofte": {
        "topic": "forældresamarbejdet i Gentofte",
        "task": "Udvalget skal komme med forslag til et bedre samarbejde mellem forældre, "
        "skoler og dagtilbud, og til hvordan forældre støtter hinanden.",
        "recommendations": [
            (
                "Lav en fælles forældrefolder om samarbejdet i dagtilbud og skole.",
                "Folderen udleveres ved skolestart og findes på gentofte.dk.",
            ),
            (
                "Giv forældrerådene en fast plads i skolebestyrelsernes arbejde.",
                "Skolebestyrelserne har ændret deres forretningsorden.",
            ),
            (
                "Tilbyd netværksmøder for nye forældre i hver bydel.",
                "Netværksmøderne holdes i samarbejde med sundhedsplejen.",
            ),
        ],
    },
    "idraets-og-bevaegelsespolitik": {
        "topic": "en ny idræts- og bevægelsespolitik",
        "task": "Udvalget skal udarbejde forslag til en idræts- og bevægelsespolitik, der får "
        "flere borgere i alle aldre til at bevæge sig, også uden for foreningerne.",
        "recommendations": [
            (
                "Åbn skolernes idrætshaller for selvorganiseret idræt om aftenen.",
                "Fire haller er åbne for selvorganiseret idræt.",
            ),
            (
                "Anlæg motionsruter i alle bydele, også i Ordrup og Vangede.",
                "Motionsruterne er skiltet og lagt på kommunens kort.",
            ),
            (
                "Støt foreningerne i at tilbyde idræt til seniorer og borgere med handicap.",
                "Støtten er indarbejdet i folkeoplysningspuljen.",
            ),
        ],
    },
    "erhvervspolitik": {
        "topic": "en ny erhvervspolitik",
        "task": "Udvalget skal udvikle en erhvervspolitik sammen med virksomheder, "
        "iværksættere og handelsforeninger i Gentofte.",
        "recommendations": [
            (
                "Giv virksomheder én indgang til kommunen i erhvervsservice.",
                "Erhvervsservice har fået én telefon og én postkasse.",
            ),
            (
                "Støt iværksættere med kontorfællesskaber i ledige kommunale lokaler.",
                "Iværksætterhuset i Hellerup åbnede i 2018.",
            ),
            (
                "Behandl byggesager for erhverv hurtigere med faste frister.",
                "Servicemålene for erhvervsbyggesager er offentliggjort og følges op hvert "
                "kvartal.",
            ),
        ],
    },
    "vaerdighedspolitik": {
        "topic": "en værdighedspolitik for ældreplejen",
        "task": "Udvalget skal udarbejde forslag til en værdighedspolitik, der beskriver, hvad "
        "en værdig ældrepleje er for de ældre og deres pårørende i Gentofte.",
        "recommendations": [
            (
                "Lad den ældre selv bestemme mest muligt over sin hverdag og sine måltider.",
                "Anbefalingen er en del af Værdighedspolitikken fra 2017.",
            ),
            (
                "Sørg for, at ingen ældre dør alene, hvis de ikke ønsker det.",
                "Frivillige vågetjenester er tilknyttet alle plejecentre.",
            ),
            (
                "Giv plejepersonalet tid til samvær, ikke kun til praktiske opgaver.",
                "Plejecentrene har omlagt vagtplanerne.",
            ),
        ],
    },
    "baeredygtig-gentofte": {
        "topic": "et bæredygtigt Gentofte",
        "task": "Udvalget skal komme med forslag til, hvordan Gentofte Kommune, borgere og "
        "virksomheder sammen nedbringer CO2-udledningen og ressourceforbruget.",
        "recommendations": [
            (
                "Sæt et mål om, at kommunen er CO2-neutral i 2030.",
                "Målet indgår i Klimaplan 2030, som kommunalbestyrelsen vedtog i 2019.",
            ),
            (
                "Indfør sortering af madaffald i alle husstande.",
                "Madaffald hentes nu hos alle husstande i kommunen.",
            ),
            (
                "Giv boligejere gratis energirådgivning.",
                "Energirådgivningen er tilbudt i samarbejde med forsyningen.",
            ),
        ],
    },
    "trafik-sikker-i-byen": {
        "topic": "trafiksikkerhed i byen",
        "task": "Udvalget skal komme med forslag til, hvordan børn, cyklister og fodgængere "
        "færdes sikkert i Gentofte, særligt på skolevejene.",
        "recommendations": [
            (
                "Indfør 40 km/t i boligområder og omkring alle skoler.",
                "Hastighedszonerne er skiltet omkring alle skoler.",
            ),
            (
                "Gør krydset ved Bernstorffsvej og Jægersborg Allé sikkert for cyklister.",
                "Krydset er ombygget med cykelsti i eget tracé.",
            ),
            (
                "Lav en kampagne for sikker skolevej sammen med skolerne hvert år.",
                "Kampagnen »Sikker skolevej« holdes hvert år i august.",
            ),
        ],
    },
    "boern-og-unge-i-faellesskaber": {
        "topic": "børn og unge i fællesskaber",
        "task": "Udvalget skal komme med forslag til, hvordan alle børn og unge bliver en del af "
        "fællesskaber i skolen, i fritiden og på nettet.",
        "recommendations": [
            (
                "Giv alle skoler en fælles strategi mod mobning, også på sociale medier.",
                "Antimobbestrategien er vedtaget på alle skoler.",
            ),
            (
                "Gør det gratis for alle børn at prøve en fritidsaktivitet.",
                "Fritidspasset giver gratis prøvetimer i 40 foreninger.",
            ),
            (
                "Inddrag ældre elever som mentorer for yngre elever.",
                "Elevmentorordningen kører på otte skoler.",
            ),
        ],
    },
    "detailhandel": {
        "topic": "detailhandlen i Gentofte",
        "task": "Udvalget skal komme med forslag til, hvordan handelsgaderne i Hellerup, "
        "Gentofte og Charlottenlund forbliver levende, også når mere handel sker på nettet.",
        "recommendations": [
            (
                "Lav bymidteplaner for Strandvejen, Gentofte Hovedgade og Charlottenlund.",
                "Bymidteplanen for Strandvejen er vedtaget; de to andre er under udarbejdelse.",
            ),
            (
                "Gør det lettere at holde arrangementer og markeder i gaderne.",
                "Ansøgning om arrangementer er samlet i én digital blanket.",
            ),
            (
                "Udvid korttidsparkering tæt på butikkerne.",
                "Korttidsparkering er udvidet med 80 pladser.",
            ),
        ],
    },
    "kulturpolitik": {
        "topic": "en ny kulturpolitik",
        "task": "Udvalget skal udarbejde forslag til en kulturpolitik, der gør kulturen i "
        "Gentofte synlig og tilgængelig for alle, fra Gentofte Hovedbibliotek til de små "
        "foreninger.",
        "recommendations": [
            (
                "Gør bibliotekerne til åbne kulturhuse med arrangementer for alle aldre.",
                "Bibliotekerne har udvidet arrangementerne og åbningstiderne.",
            ),
            (
                "Saml alle kulturtilbud i én fælles kalender.",
                "Kulturkalenderen ligger på gentofte.dk og opdateres af foreningerne selv.",
            ),
            (
                "Afsæt en pulje til kunst i byens rum.",
                "Puljen har finansieret seks værker, bl.a. ved Hellerup Station.",
            ),
        ],
    },
    "skolereform": {
        "topic": "skolereformen",
        "task": "Udvalget skal vurdere erfaringerne med skolereformen i Gentofte og komme med "
        "forslag til, hvordan den længere skoledag bliver mere varieret og meningsfuld.",
        "recommendations": [
            (
                "Brug den understøttende undervisning til projekter med foreninger og "
                "virksomheder.",
                "Skolerne samarbejder nu med 60 foreninger og virksomheder.",
            ),
            (
                "Giv skolerne frihed til at tilrettelægge skoledagen lokalt.",
                "Skolebestyrelserne har fået større frihed til skoledagens længde.",
            ),
            (
                "Sæt bevægelse på skemaet hver dag i alle klasser.",
                "Daglig bevægelse er indført på alle skoler.",
            ),
        ],
    },
    "boern-kvalitet-og-struktur": {
        "topic": "kvalitet og struktur i dagtilbuddene",
        "task": "Udvalget skal komme med forslag til, hvordan dagtilbuddene organiseres, så "
        "kvaliteten for børnene er høj, og forældrene oplever nærhed og sammenhæng.",
        "recommendations": [
            (
                "Sæt et loft over, hvor mange børn der er pr. voksen i vuggestuerne.",
                "Normeringen er forbedret i budget 2019.",
            ),
            (
                "Saml mindre institutioner i fællesledelser, men bevar de små huse.",
                "Fællesledelserne er indført i fire bydele.",
            ),
            (
                "Giv forældrene bedre information om barnets dag.",
                "Dagtilbuddene bruger nu samme app til forældreinformation.",
            ),
        ],
    },
    # --- now --------------------------------------------------------------------------------
    "klimatilpasning": {
        "topic": "klimatilpasning og byens vand",
        "task": "Udvalget skal kortlægge, hvor skybrud og højere havvand rammer Gentofte, og "
        "komme med forslag til løsninger, der også gør byen grønnere, bl.a. ved Øregård Park "
        "og langs Strandvejen.",
    },
    "fremtidens-seniorliv": {
        "topic": "fremtidens seniorliv",
        "task": "Udvalget skal komme med forslag til, hvordan seniorer i Gentofte kan leve et "
        "aktivt liv med fællesskab, gode boliger og frivilligt arbejde.",
    },
    "unges-trivsel": {
        "topic": "unges trivsel og fællesskaber",
        "task": "Udvalget skal undersøge, hvad der får unge mellem 13 og 25 år til at trives, og "
        "komme med forslag til fællesskaber, de selv er med til at skabe.",
    },
    "hellerup-havn": {
        "topic": "Hellerup Havn og byens rum",
        "task": "Udvalget skal komme med forslag til, hvordan Hellerup Havn og området omkring "
        "den kan bruges af flere borgere året rundt, uden at havnens miljø går tabt.",
        "recommendations": [
            (
                "Anlæg en sammenhængende promenade fra Hellerup Havn til Strandvejen.",
                "Promenaden er med i forslaget til budget for næste år.",
            ),
            (
                "Giv vinterbadere og sejlklubber fælles faciliteter på havnen.",
                "Forvaltningen undersøger placeringen sammen med klubberne.",
            ),
        ],
    },
    "fritidsliv-handicap": {
        "topic": "fritidslivet for børn med handicap",
        "task": "Udvalget skal komme med forslag til, hvordan børn og unge med handicap får et "
        "rigt fritidsliv i foreningerne og sammen med andre børn.",
    },
    "laering-i-udskolingen": {
        "topic": "læring i udskolingen",
        "task": "Udvalget skal komme med forslag til, hvordan de ældste elever lærer mere gennem "
        "praktiske forløb og samarbejde med ungdomsuddannelserne.",
    },
    "digital-borgerservice": {
        "topic": "digital borgerservice",
        "task": "Udvalget skal komme med forslag til, hvordan Borgerservice bliver lettere at "
        "bruge digitalt, og hvordan borgere får hjælp, når de ikke kan selv.",
    },
    "lokale-klimafaellesskaber": {
        "topic": "lokale klimafællesskaber",
        "task": "Udvalget skal komme med forslag til, hvordan kommunen støtter borgere, der går "
        "sammen om klimaet i deres by, vej eller forening.",
    },
    "fremtidens-idraetsfaciliteter": {
        "topic": "fremtidens idrætsfaciliteter",
        "task": "Udvalget skal komme med forslag til, hvordan idrætsanlæg som Gentofte Sportspark "
        "udnyttes bedre og udvikles til de kommende års behov.",
    },
    "sundhed-i-naermiljoeet": {
        "topic": "sundhed i nærmiljøet",
        "task": "Udvalget skal komme med forslag til, hvordan sundhedstilbud kommer tættere på "
        "borgerne, i bydelene og i samarbejde med foreninger.",
        "recommendations": [
            (
                "Åbn sundhedscaféer på bibliotekerne i Vangede og Dyssegård.",
                "",
            ),
            (
                "Tilbyd gåhold for borgere, der er ensomme eller har kroniske sygdomme.",
                "",
            ),
            (
                "Lad sundhedsplejen holde åbent hus i bydelene en gang om måneden.",
                "",
            ),
        ],
    },
    "groen-mobilitet": {
        "topic": "grøn mobilitet",
        "task": "Udvalget skal komme med forslag til, hvordan flere borgere vælger cyklen, "
        "gang og kollektiv trafik i hverdagen.",
        "recommendations": [
            (
                "Anlæg cykelstier på Ordrupvej og Gentoftegade.",
                "Cykelstierne på Ordrupvej og Gentoftegade er anlagt og åbnet.",
            ),
            (
                "Opstil delecykler ved alle S-togsstationer i kommunen.",
                "Udbuddet af delecykler er forsinket; det forventes afsluttet i foråret.",
            ),
            (
                "Giv skolebørn mulighed for at låne en cykel hele skoleåret.",
                "",
            ),
        ],
    },
    "kulturhus-i-vangede": {
        "topic": "et kulturhus i Vangede",
        "task": "Udvalget skal komme med forslag til, hvordan et kulturhus i Vangede kan samle "
        "bibliotek, foreninger og kulturliv i bydelen.",
    },
}

# Kept for a committee the list above does not know (e.g. one added in the admin).
DEFAULT = {
    "task": "Udvalget skal kortlægge borgernes behov, inddrage relevante aktører i workshops og "
    "formulere konkrete anbefalinger til kommunalbestyrelsen.",
    "recommendations": [
        ("Etablér et fast borgerpanel, der følges op på hvert år.", ""),
        ("Afsæt en pulje til lokale initiativer, som borgerne selv driver.", ""),
        ("Saml information og vejledning ét sted, både digitalt og fysisk.", ""),
    ],
}


def topic(slug, name):
    return TOPICS.get(slug, {}).get("topic", name)


def task(slug):
    return TOPICS.get(slug, DEFAULT).get("task", DEFAULT["task"])


def recommendations(slug):
    return TOPICS.get(slug, {}).get("recommendations") or DEFAULT["recommendations"]
