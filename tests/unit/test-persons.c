/* test-persons.c: officials, ranks, titles, short mentions, credits */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/ns.h"
#include "extract/extract.h"
#include "extract-util.h"
#include "tap.h"

#define DATA DG_SRCDIR "/tests/unit/data"
#define ID DG_BASE_DEFAULT
#define P(slug) ID "person/" slug

static struct dg_facts *
extract(struct dg_extractor *x, const char *text)
{
    return dg_test_extract(x, "p1", text);
}

static size_t
count(const struct dg_facts *f, const char *s, const char *p)
{
    return dg_test_count(f, s, p);
}

static size_t
persons(const struct dg_facts *f)
{
    size_t n = 0;
    for (size_t i = 0; i < dg_facts_count(f); i++) {
        const struct dg_triple *t = dg_facts_get(f, i);
        n += strcmp(t->p, DG_RDF_TYPE) == 0 &&
             strcmp(t->o, DG_NS_SCHEMA "Person") == 0;
    }
    return n;
}

int
main(void)
{
    struct dg_error err;
    struct dg_extractor *x = dg_extract_new(DATA, &err);
    struct dg_facts *f;

    ok(x != NULL, "extractor on the fixture data");

    f = extract(
        x, " date 2024-02-20 Major General L\xc3\xaa V\xc4\x83n An, Director "
           "of the "
           "Department of External Relations under the Vietnamese Ministry of "
           "National Defence, Head of the Vietnamese delegation, welcomed the "
           "guests.\n\n"
           "Thai Deputy Prime Minister and Minister of Foreign Affairs Somchai "
           "Wongsuwan attended.\n\n"
           "Maj. Gen. An thanked Mr. Somchai Wongsuwan. Later Wongsuwan "
           "left.\n\n"
           "Keiko Tanaka, the Japanese Ambassador to the Philippines, spoke. "
           "Ms. Tanaka, who is also Head of the Japanese mission, smiled.\n\n"
           "Colonel Ramos arrived. The Filipino colonel greeted the hosts.\n\n"
           "By Mai Lan\n\nTranslated by Tran Quoc Bao\n");
    ok(f != NULL, "extracts");

    const char *an = P("le-van-an");
    ok(dg_facts_has(f, an, DG_NS_SCHEMA "name", "L\xc3\xaa V\xc4\x83n An", 0),
       "name keeps diacritics, slug folds them");
    ok(dg_facts_has(f, an, DG_NS "rank", "Major General", 0), "rank canonical");
    ok(dg_facts_has(f, an, DG_NS_SCHEMA "jobTitle",
                    "Director of the Department of External Relations under "
                    "the Vietnamese Ministry of National Defence",
                    0),
       "first title as written");
    ok(dg_facts_has(f, an, DG_NS_SCHEMA "jobTitle",
                    "Head of the Vietnamese delegation", 0),
       "second title");
    ok(dg_facts_has(f, an, DG_NS_SCHEMA "nationality", ID "country/VNM", 1),
       "nationality from the title chain");
    ok(dg_facts_has(f, an, DG_NS_SCHEMA "worksFor",
                    ID "org/department-of-external-relations", 1),
       "works for the department");
    ok(dg_facts_has(f, an, DG_NS_SCHEMA "worksFor",
                    ID "org/vietnamese-ministry-of-national-defence", 1),
       "works for the ministry");
    ok(count(f, an, DG_NS "evidence") == 2, "'Maj. Gen. An' resolves to him");

    const char *sw = P("somchai-wongsuwan");
    ok(dg_facts_has(f, sw, DG_NS_SCHEMA "jobTitle", "Deputy Prime Minister",
                    0) &&
           dg_facts_has(f, sw, DG_NS_SCHEMA "jobTitle",
                        "Minister of Foreign Affairs", 0),
       "'X and Y NAME' gives two titles");
    ok(dg_facts_has(f, sw, DG_NS_SCHEMA "nationality", ID "country/THA", 1),
       "leading adjective is nationality");
    ok(!dg_facts_has(f, sw, DG_NS_SCHEMA "jobTitle",
                     "Thai Deputy Prime Minister", 0),
       "the adjective is not in the title");
    ok(count(f, sw, DG_NS "evidence") == 3,
       "honorific and bare surname resolve");

    const char *kt = P("keiko-tanaka");
    ok(dg_facts_has(f, kt, DG_NS_SCHEMA "jobTitle",
                    "Ambassador to the Philippines", 0),
       "appositive 'NAME, the Adj TITLE'");
    ok(dg_facts_has(f, kt, DG_NS_SCHEMA "nationality", ID "country/JPN", 1),
       "appositive adjective is nationality");
    ok(dg_facts_has(f, kt, DG_NS_SCHEMA "jobTitle",
                    "Head of the Japanese mission", 0),
       "'who is also' title");

    const char *ra = P("ramos");
    ok(dg_facts_has(f, ra, DG_NS "rank", "Colonel", 0),
       "a short form with no full name is a person");
    ok(dg_facts_has(f, ra, DG_NS_SCHEMA "nationality", ID "country/PHL", 1),
       "'the Filipino colonel' is the only colonel");

    ok(!dg_facts_has(f, P("mai-lan"), DG_RDF_TYPE, DG_NS_SCHEMA "Person", 1),
       "a byline is not a person");
    ok(!dg_facts_has(f, P("tran-quoc-bao"), DG_RDF_TYPE, DG_NS_SCHEMA "Person",
                     1),
       "a translator is not a person");
    ok(dg_facts_has(f, ID "article/p1", DG_NS_SCHEMA "translator",
                    "Tran Quoc Bao", 0),
       "translator literal on the article");
    ok(dg_facts_has(f, ID "article/p1", DG_NS_SCHEMA "author", "Mai Lan", 0),
       "author literal on the article");
    is_int((long)persons(f), 4, "four persons, no more");
    is_int((long)count(f, an, DG_NS_SCHEMA "name"), 1, "exactly one name");
    const struct dg_triple *t = NULL;
    for (size_t i = 0; i < dg_facts_count(f); i++) {
        t = dg_facts_get(f, i);
        if (strcmp(t->s, kt) == 0 && strcmp(t->p, DG_NS_SCHEMA "name") == 0)
            break;
    }
    is_str(t ? t->o : NULL, "Keiko Tanaka", "honorific dropped from the name");
    dg_facts_free(f);

    f = extract(x, "General Thang met Colonel Minh on Friday. The Vietnamese "
                   "general thanked him.\n");
    ok(dg_facts_has(f, P("thang"), DG_NS_SCHEMA "nationality", ID "country/VNM",
                    1),
       "'the Vietnamese general' is the only general");
    ok(!dg_facts_has(f, P("minh"), DG_NS_SCHEMA "nationality", ID "country/VNM",
                     1),
       "the colonel is not the general");
    dg_facts_free(f);

    f = extract(x, "Secretary of Defense Lloyd J. Austin III met President "
                   "Ferdinand R. Marcos Jr. in Manila. Secretary Austin "
                   "thanked him.\n");
    ok(dg_facts_has(f, P("lloyd-j-austin-iii"), DG_NS_SCHEMA "name",
                    "Lloyd J. Austin III", 0),
       "a middle initial and a suffix are part of the name");
    ok(dg_facts_has(f, P("ferdinand-r-marcos-jr"), DG_RDF_TYPE,
                    DG_NS_SCHEMA "Person", 1),
       "'R.' and 'Jr.' before a full stop");
    ok(!dg_facts_has(f, P("lloyd-j"), DG_RDF_TYPE, DG_NS_SCHEMA "Person", 1) &&
           !dg_facts_has(f, P("austin"), DG_RDF_TYPE, DG_NS_SCHEMA "Person", 1),
       "no person cut at the initial; 'Secretary Austin' resolves");
    is_int((long)persons(f), 2, "two persons");
    dg_facts_free(f);

    f = extract(x, "Thai Foreign Minister Ana Rojas and Defence Minister "
                   "Luis Vidal met Malaysian Prime Minister Jorge Paz and Army "
                   "Commander General Raul Soto in Bangkok.\n");
    ok(dg_facts_has(f, P("luis-vidal"), DG_NS_SCHEMA "nationality",
                    ID "country/THA", 1),
       "'Adj TITLE A and TITLE B': B gets the adjective");
    ok(dg_facts_has(f, P("raul-soto"), DG_NS_SCHEMA "nationality",
                    ID "country/MYS", 1),
       "... also across a rank");
    ok(!dg_facts_has(f, P("jorge-paz"), DG_NS_SCHEMA "nationality",
                     ID "country/THA", 1),
       "an own adjective wins over the carried one");
    dg_facts_free(f);

    f = extract(x, "Air Marshal Ravi Kumar, Chief of Integrated Defence Staff "
                   "of the Indian Armed Forces, attended the drill.\n");
    ok(dg_facts_has(f, P("ravi-kumar"), DG_NS_SCHEMA "nationality",
                    ID "country/IND", 1),
       "a country inside a lexicon org at its first word is nationality");
    dg_facts_free(f);

    f = extract(x, "Lieutenant General Le Van Tam, Deputy Chief of the "
                   "General Staff of the Vietnamese army, attended.\n");
    ok(dg_facts_has(f, P("le-van-tam"), DG_NS_SCHEMA "jobTitle",
                    "Deputy Chief of the General Staff of the Vietnamese army",
                    0),
       "'the General Staff' does not end the title at a rank");
    ok(!dg_facts_has(f, P("staff"), DG_RDF_TYPE, DG_NS_SCHEMA "Person", 1),
       "'General Staff' is no person");
    dg_facts_free(f);

    dg_extract_free(x);

    /* nationality fallbacks, on the real data (cities.tsv,
     * title-countries.tsv) */
    x = dg_extract_new(DG_SRCDIR "/extract/data", &err);
    ok(x != NULL, "extractor on the real data");
    const char *nat = DG_NS_SCHEMA "nationality";
    f = extract(
        x, " date 2024-03-02\nPUTRAJAYA, March 2 (Agency) -- Chief of Navy "
           "Admiral Abdul Rahman Salleh received Thai Navy Commander Admiral "
           "Somkiat Chaiyo here today.\n\n"
           "Malaysia and Thailand held talks on patrols.\n");
    ok(f && dg_facts_has(f, P("abdul-rahman-salleh"), nat, ID "country/MYS", 1),
       "dateline city named by the body: the home side's official");
    ok(f && dg_facts_has(f, P("somkiat-chaiyo"), nat, ID "country/THA", 1),
       "an adjective wins over the dateline");
    dg_facts_free(f);

    f = extract(
        x, " date 2024-03-02\nPUTRAJAYA, March 2 (Agency) -- Secretary of "
           "Defense Mark Olsen met Thai Navy Commander Admiral Somkiat Chaiyo "
           "in Bangkok.\n");
    ok(f && dg_facts_has(f, P("mark-olsen"), nat, ID "country/USA", 1),
       "a title of one country (title-countries.tsv)");
    ok(f && count(f, NULL, nat) == 2 &&
           !dg_facts_has(f, ID "country/MYS", DG_NS "iso3", "MYS", 0),
       "a dateline country the text does not name: no nationality, no row");
    dg_facts_free(f);

    f = extract(
        x, " date 2024-03-02\nDefence officials meet\n\n"
           "Deputy Minister of National Defence Lieutenant General Ko Min Aung "
           "welcomed Indian Defence Secretary Rakesh Mehra. The Myanmar "
           "Ministry of National Defence hosted the talks.\n");
    ok(f && dg_facts_has(f, P("ko-min-aung"), nat, ID "country/MMR", 1),
       "'Deputy Minister of X' and the doc's one '<Country> Ministry of X'");
    dg_facts_free(f);

    f = extract(
        x, " date 2024-03-02\nNATO Secretary General Lars Berg met Sweden's "
           "Minister for Defence Anna Lund and Ukrainian Defence Minister Ivan "
           "Koval. Lars Berg thanked Norway.\n");
    ok(f && dg_facts_has(f, P("anna-lund"), nat, ID "country/SWE", 1),
       "\"Sweden's Minister for Defence\"");
    ok(f && count(f, P("lars-berg"), nat) == 0,
       "an org before the title: no country default (NOR is unclaimed)");
    ok(f && count(f, P("lars-berg"), DG_NS "evidence") == 2,
       "a full name repeated without title is the same person's mention");
    dg_facts_free(f);

    f = extract(
        x, " date 2024-03-02\nRaksha Mantri Shri Arun Verma met Vice Admiral "
           "Kenji Sato of Japan. Chief of Defence Staff General Vikram Rao "
           "and Secretary Verma were present.\n");
    ok(f && dg_facts_has(f, P("arun-verma"), nat, ID "country/IND", 1) &&
           dg_facts_has(f, P("arun-verma"), DG_NS_SCHEMA "jobTitle",
                        "Raksha Mantri", 0),
       "'Raksha Mantri' is a title of India");
    ok(f && count(f, P("vikram-rao"), nat) == 0,
       "no dateline and India not named: no default");
    dg_facts_free(f);

    f = extract(
        x, " date 2024-03-02\nSecretary of Defense Mark Olsen met Philippine "
           "Defense Secretary Ramon Cruz. Secretary Olsen said the two "
           "navies would train together.\n");
    ok(f &&
           dg_facts_has(f, P("mark-olsen"), DG_NS_SCHEMA "jobTitle",
                        "Secretary of Defense", 0) &&
           !dg_facts_has(f, P("mark-olsen"), DG_NS_SCHEMA "jobTitle",
                         "Secretary", 0),
       "a title that is a word of a longer one is not emitted");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nThe ministers present were "
                   "Norway's Kari Berg, Finland's General Mika Salo and "
                   "Estonia's Rein Tamm. Sweden's Volvo Cars sponsored the "
                   "dinner.\n");
    ok(f && dg_facts_has(f, P("kari-berg"), nat, ID "country/NOR", 1) &&
           dg_facts_has(f, P("rein-tamm"), nat, ID "country/EST", 1),
       "'Country's A B' in a list of such names: a person of that country");
    ok(f && dg_facts_has(f, P("mika-salo"), nat, ID "country/FIN", 1),
       "'Country's Rank A B': the country before the rank");
    ok(f && count(f, P("volvo-cars"), nat) == 0,
       "a possessed name outside a list of names is no person");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nDelegates included Norwegian Defence "
                   "Minister Kari Berg, Danish Defence Minister Ole Hansen. "
                   "Mika Salo, Finnish Defence Minister, spoke.\n");
    ok(f && dg_facts_has(f, P("ole-hansen"), nat, ID "country/DNK", 1) &&
           !dg_facts_has(f, P("kari-berg"), nat, ID "country/DNK", 1),
       "'A, Adj TITLE B': the title is B's, not an apposition of A");
    ok(f && dg_facts_has(f, P("mika-salo"), nat, ID "country/FIN", 1),
       "'A, Adj TITLE,' stays an apposition");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nSouth Korean Defense Minister Kim "
                   "Dong-soo met Cambodian Deputy Prime Minister Samdech "
                   "Pichey Sena Sok Vanna. Kim and Sok Vanna spoke.\n");
    ok(f && count(f, P("kim-dong-soo"), nat) == 1,
       "'Kim Dong-soo': a lowercase syllable after a hyphen is in the name");
    ok(f && count(f, P("sok-vanna"), nat) == 1,
       "a Cambodian honorific of several words is dropped");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nThe talks were chaired by Kenya's "
                   "Chief of Defence Forces, General Ali Kombo, and attended "
                   "by the Minister of Defence, Ruth Wanjiru. He met the "
                   "Chief of Staff, General Staff officers and others.\n");
    ok(f && dg_facts_has(f, P("ali-kombo"), nat, ID "country/KEN", 1) &&
           dg_facts_has(f, P("ali-kombo"), DG_NS_SCHEMA "jobTitle",
                        "Chief of Defence Forces", 0),
       "'Country's TITLE, Rank A B': title and country");
    ok(f && dg_facts_has(f, P("ruth-wanjiru"), DG_NS_SCHEMA "jobTitle",
                         "Minister of Defence", 0),
       "'the TITLE, A B,'");
    ok(f && count(f, P("staff-officers"), nat) == 0 &&
           count(f, P("general-staff"), nat) == 0,
       "  ... not a title, a comma and common words");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nSouth Korean Defense Minister Kim "
                   "Dong-soo visited Oslo. Kim said the talks went well.\n");
    ok(f && count(f, P("kim-dong-soo"), DG_NS "evidence") == 2,
       "a bare family name first ('Kim') resolves to the one such person");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nNorway's National Security Advisor "
                   "(NSA) Kari Berg met Senior Defence Minister Ole Hansen.\n");
    ok(f && dg_facts_has(f, P("kari-berg"), DG_NS_SCHEMA "jobTitle",
                         "National Security Advisor", 0),
       "office words before a title belong to it; '(NSA)' is skipped");
    ok(f && dg_facts_has(f, P("ole-hansen"), DG_NS_SCHEMA "jobTitle",
                         "Senior Defence Minister", 0),
       "'Senior Defence Minister'");
    dg_facts_free(f);

    f = extract(x,
                " date 2024-03-02\nThe meeting includes: Kari Berg "
                "(Norway), Ole Hansen (Denmark), and Mika Salo (Finland).\n");
    ok(f && dg_facts_has(f, P("kari-berg"), nat, ID "country/NOR", 1) &&
           dg_facts_has(f, P("mika-salo"), nat, ID "country/FIN", 1),
       "'A B (Country)' in a roster: a person of that country");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nA delegation of the Royal Thai Navy "
                   "led by Deputy Minister of National Defence Admiral Somchai "
                   "Rakthai held talks with the Lao Ministry of National "
                   "Defence in Vientiane.\n");
    ok(f && dg_facts_has(f, P("somchai-rakthai"), nat, ID "country/THA", 1),
       "'a delegation of ORG led by X': X is of ORG's country, before the "
       "ministry the text names");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nNordic defence ministers included "
                   "Norway's Kari Berg, Denmark's Ole Hansen and Finland's "
                   "Mika Salo.\n");
    ok(f && dg_facts_has(f, P("ole-hansen"), DG_NS_SCHEMA "jobTitle",
                         "defence minister", 0),
       "'defence ministers included A, B': each is a defence minister");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nUS Defense Secretary Lloyd J. Austin "
                   "III met Lloyd Austin III's aides. The Defence Minister New "
                   "Delhi sent was Commander Western Naval Area.\n");
    ok(f && count(f, P("lloyd-austin-iii"), nat) == 0 &&
           count(f, P("lloyd-j-austin-iii"), nat) == 1,
       "a full name with and without its middle initial is one person");
    ok(f && count(f, P("new-delhi"), DG_RDF_TYPE) == 0 &&
           count(f, P("western"), DG_RDF_TYPE) == 0,
       "a city or 'Western Naval Area' is no person");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nPresent were General Ali Kombo, "
                   "Kenya's Minister of Defence Affairs, and China's deputy "
                   "prime minister and defence minister Wei Lin.\n");
    ok(f && dg_facts_has(f, P("ali-kombo"), nat, ID "country/KEN", 1),
       "'A, Country's TITLE': an apposition with a possessive country");
    ok(f && dg_facts_has(f, P("wei-lin"), nat, ID "country/CHN", 1) &&
           !dg_facts_has(f, P("ali-kombo"), DG_NS_SCHEMA "jobTitle",
                         "deputy prime minister", 0),
       "  ... 'TITLE and TITLE B' after it is B's");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nNorwegian Defence Minister Kari Berg "
                   "held talks with his Danish counterpart, Ole Hansen, in "
                   "Oslo. Later Berg called his Finnish counterpart Mika Salo. "
                   "The Danish counterparts of the delegation, Ane Lund and "
                   "Per Holm, stayed.\n");
    ok(f &&
           dg_facts_has(f, P("ole-hansen"), DG_NS_SCHEMA "jobTitle",
                        "Defence Minister", 0) &&
           dg_facts_has(f, P("ole-hansen"), nat, ID "country/DNK", 1),
       "'his Danish counterpart, A B': A B holds the subject's office");
    ok(f && dg_facts_has(f, P("mika-salo"), DG_NS_SCHEMA "jobTitle",
                         "Defence Minister", 0),
       "  ... after a short mention of the subject too");
    ok(f && count(f, P("ane-lund"), DG_NS_SCHEMA "jobTitle") == 0,
       "  ... not 'the counterparts of the delegation, A B'");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nNorwegian Defence Minister H.E. Gen. "
                   "Kari Berg arrived.\n");
    ok(f &&
           dg_facts_has(f, P("kari-berg"), DG_NS_SCHEMA "jobTitle",
                        "Defence Minister", 0) &&
           dg_facts_has(f, P("kari-berg"), nat, ID "country/NOR", 1),
       "'TITLE H.E. Gen. A B': a form of address before the rank");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nNorway's Gen (R) Kari Berg met "
                   "Defence Minister Awang Halbi Haji Md Yussof.\n");
    ok(f && dg_facts_has(f, P("kari-berg"), nat, ID "country/NOR", 1),
       "'Country's Gen (R) A B': retired rank");
    ok(f && count(f, P("awang-halbi-haji-md-yussof"), DG_RDF_TYPE) == 1 &&
           count(f, P("md-yussof"), DG_RDF_TYPE) == 0,
       "'Haji' inside a Malay name is part of it");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nPresent were Denmark's deputy defence "
                   "minister Ole Hansen and Norway's acting Foreign Minister "
                   "Kari Berg.\n");
    ok(f &&
           dg_facts_has(f, P("ole-hansen"), DG_NS_SCHEMA "jobTitle",
                        "deputy defence minister", 0) &&
           dg_facts_has(f, P("ole-hansen"), nat, ID "country/DNK", 1) &&
           dg_facts_has(f, P("kari-berg"), nat, ID "country/NOR", 1),
       "'Country's deputy defence minister A B': the whole title, the "
       "country");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nDefence Minister Kari Berg spoke. The "
                   "Norwegian defense minister Kari Berg left.\n");
    ok(f && count(f, P("kari-berg"), DG_NS_SCHEMA "jobTitle") == 1,
       "'Defence Minister' and 'defense minister': one title");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nWhile holding talks with the Minister "
                   "of Defence of Denmark, Kari Berg welcomed the plan. The "
                   "Minister of Defence, Ole Hansen, agreed.\n");
    ok(f && count(f, P("kari-berg"), DG_NS_SCHEMA "jobTitle") == 0 &&
           count(f, P("ole-hansen"), DG_NS_SCHEMA "jobTitle") == 1,
       "'While ... with TITLE, A B welcomed': A B is the subject, not the "
       "title's holder");
    dg_facts_free(f);

    f = extract(x, "Defence Minister Kari Berg met Vietnam's Minister Le Van "
                   "An. Berg praised Norway and its navy. Norway will host "
                   "the next talks in Norway; Norwegian ships will sail. "
                   "Vietnam thanked Berg.\n");
    ok(f && dg_facts_has(f, P("kari-berg"), nat, ID "country/NOR", 1),
       "no dateline: an unmarked official is of the country named most "
       "often that no other official is marked with");
    dg_facts_free(f);
    f = extract(x, "Defence Minister Kari Berg met Minister Le Van An. "
                   "Norway and Vietnam agreed.\n");
    ok(f && count(f, P("kari-berg"), nat) == 0,
       "  ... none when two are named as often");
    dg_facts_free(f);
    f = extract(x, "Norway's Chief of Defence General Ole Hansen chaired the "
                   "meeting. Present was Defence Minister Kari Berg.\n");
    ok(f && dg_facts_has(f, P("kari-berg"), nat, ID "country/NOR", 1),
       "  ... the only country the text names, even if an official claims "
       "it");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nThe meeting was attended by Norway's "
                   "ministers, while Vietnam was represented by Charge "
                   "d'Affaires Le Van An and Denmark by Ole Hansen.\n");
    ok(f && dg_facts_has(f, P("le-van-an"), nat, ID "country/VNM", 1),
       "'Country was represented by TITLE A B': A B is of the country");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nNorway's Haji General Kari Berg and "
                   "Ole Hansen, Deputy Secretary General of the UN, and "
                   "Norwegian Defence Minister Mika Salo met his Danish "
                   "counterpart Gen Ane Lund.\n");
    ok(f && dg_facts_has(f, P("kari-berg"), nat, ID "country/NOR", 1) &&
           dg_facts_has(f, P("kari-berg"), DG_NS "rank", "General", 0),
       "'Country's HONORIFIC RANK A B': the form of address before the "
       "rank");
    ok(f &&
           dg_facts_has(f, P("ole-hansen"), DG_NS_SCHEMA "worksFor",
                        ID "org/un", 1) &&
           count(f, P("ole-hansen"), nat) == 0,
       "'TITLE of the UN' with no country: the organisation's official");
    ok(f && dg_facts_has(f, P("ane-lund"), nat, ID "country/DNK", 1) &&
           dg_facts_has(f, P("ane-lund"), DG_NS "rank", "General", 0) &&
           dg_facts_has(f, P("ane-lund"), DG_NS_SCHEMA "jobTitle",
                        "Defence Minister", 0),
       "'his Danish counterpart Gen A B': a rank after counterpart");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nNoting the remarks of the Permanent "
                   "Representative of Vietnam to the UN and Chairperson of the "
                   "Council, H.E. Ambassador Le Van An, and of the Minister, "
                   "Ole Hansen.\n");
    ok(f &&
           dg_facts_has(f, P("le-van-an"), DG_NS_SCHEMA "jobTitle",
                        "Permanent Representative of Vietnam to the UN", 0) &&
           dg_facts_has(f, P("le-van-an"), DG_NS_SCHEMA "jobTitle",
                        "Chairperson of the Council", 0) &&
           dg_facts_has(f, P("le-van-an"), nat, ID "country/VNM", 1),
       "'the TITLE of Country to the UN and TITLE, H.E. Ambassador A B': "
       "both titles whole, the country");
    ok(f && !dg_facts_has(f, P("le-van-an"), DG_NS_SCHEMA "jobTitle",
                          "Ambassador", 0),
       "  ... 'H.E. Ambassador' is a form of address");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nMajor General KM Perera met the NATO "
                   "delegation.\n");
    ok(f && count(f, P("km-perera"), DG_RDF_TYPE) == 1,
       "'RANK KM Perera': initials in capitals after a rank are the name's");
    ok(f && count(f, P("nato-delegation"), DG_RDF_TYPE) == 0,
       "  ... an acronym alone is not");
    dg_facts_free(f);

    f = extract(x, " date 2018-01-10\nVietnamese army spokesman Le Van An "
                   "spoke. Defence Ministry Director General Kari Berg "
                   "agreed. Vietnam said so.\n");
    ok(f && dg_facts_has(f, P("le-van-an"), nat, ID "country/VNM", 1),
       "'Country's-adjective army spokesman A': lowercase office words");
    ok(f && dg_facts_has(f, P("kari-berg"), nat, ID "country/VNM", 1),
       "'Defence Ministry Director A' (a ministry of no country): the "
       "text's home country");
    dg_facts_free(f);

    f = extract(x, " date 2019-06-01\nDefence Minister Kari Berg and his "
                   "Thai counterpart, Deputy Prime Minister and Minister of "
                   "Defence General Somchai Wong, met.\n");
    ok(f && dg_facts_has(f, P("somchai-wong"), nat, ID "country/THA", 1) &&
           dg_facts_has(f, P("somchai-wong"), DG_NS_SCHEMA "jobTitle",
                        "Deputy Prime Minister", 0),
       "'his Thai counterpart, TITLES RANK A B': A B is Thai");
    dg_facts_free(f);

    dg_extract_free(x);
    return tap_done();
}
