/* test-events.c: events, their dates, venues, forums, roles and topics */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/ns.h"
#include "extract/extract.h"
#include "extract-util.h"
#include "tap.h"

#define DATA DG_SRCDIR "/extract/data"
#define ID DG_BASE_DEFAULT
#define EV(n) ID "event/e1/" #n

static struct dg_facts *
extract(struct dg_extractor *x, const char *text)
{
    return dg_test_extract(x, "e1", text);
}

static size_t
count(const struct dg_facts *f, const char *s, const char *p)
{
    return dg_test_count(f, s, p);
}

static size_t
events(const struct dg_facts *f)
{
    size_t n = 0;
    for (size_t i = 0; f && i < dg_facts_count(f); i++) {
        const struct dg_triple *t = dg_facts_get(f, i);
        n += strcmp(t->p, DG_RDF_TYPE) == 0 &&
             strcmp(t->o, DG_NS_SCHEMA "Event") == 0;
    }
    return n;
}

/* The object of <s> <p>, or NULL. */
static const char *
get(const struct dg_facts *f, const char *s, const char *p)
{
    for (size_t i = 0; f && i < dg_facts_count(f); i++) {
        const struct dg_triple *t = dg_facts_get(f, i);
        if (strcmp(t->s, s) == 0 && strcmp(t->p, p) == 0)
            return t->o;
    }
    return NULL;
}

static int
has(const struct dg_facts *f, const char *s, const char *p, const char *o)
{
    return f && dg_facts_has(f, s, p, o, 1);
}

static int
has_lit(const struct dg_facts *f, const char *s, const char *p, const char *o)
{
    return f && dg_facts_has(f, s, p, o, 0);
}

int
main(void)
{
    struct dg_error err;
    struct dg_extractor *x = dg_extract_new(DATA, &err);
    struct dg_facts *f;

    ok(x != NULL, "extractor on the real data");
    if (!x)
        return tap_done();

    /* an ordinal meeting of a working group, venue with its country */
    f = extract(x, " date 2023-03-15 ASEAN and Japan reviewed their "
                   "cooperation at the 9th meeting of the Experts' Working "
                   "Group on Maritime Security in Manila, the Philippines on "
                   "March 2.\n");
    is_int((long)events(f), 1, "one event");
    is_str(get(f, EV(1), DG_NS_SCHEMA "name"),
           "9th meeting of the Experts' Working Group on Maritime Security",
           "named as written, without the article");
    ok(has_lit(f, EV(1), DG_NS "eventKind", "meeting"), "kind meeting");
    is_str(get(f, EV(1), DG_NS_SCHEMA "startDate"), "2023-03-02",
           "'on March 2' resolved against the article date");
    ok(has(f, EV(1), DG_NS "partOf", ID "org/ewg-ms"),
       "partOf the working group");
    ok(has(f, EV(1), DG_NS_SCHEMA "location", ID "place/manila"),
       "venue: a place");
    ok(has(f, ID "place/manila", DG_NS_SCHEMA "containedInPlace",
           ID "country/PHL"),
       "  ... in its country");
    ok(has(f, ID "country/JPN", DG_NS "participatesIn", EV(1)) &&
           has(f, ID "org/asean", DG_NS "participatesIn", EV(1)),
       "the parties before 'at the meeting' take part");
    ok(has(f, EV(1), DG_NS_SCHEMA "about", ID "topic/maritime-security"),
       "topic from the working group's name");
    dg_facts_free(f);

    /* generic mentions are not events */
    f = extract(x, " date 2023-03-15 Thailand has joined many exercises and "
                   "conferences in the region. The two navies promote "
                   "dialogues and cooperation in training, consultations and "
                   "defense policy dialogue.\n");
    is_int((long)events(f), 0, "plural and bare nouns give no event");
    dg_facts_free(f);

    /* coreference, co-chairs, attendees, online */
    f = extract(x, " date 2022-09-20 The webinar was co-chaired by Colonel "
                   "Ana Cruz, Chief of the Philippine Peacekeeping Center, and "
                   "Colonel Lim Boon Keat of Singapore. At the event, Major "
                   "Tran Van Hai presented lessons on mine clearance. The "
                   "seminar ended on Monday.\n");
    is_int((long)events(f), 1, "'the webinar' and 'the seminar' are one event");
    ok(has_lit(f, EV(1), DG_NS "eventKind", "seminar"), "webinar: seminar");
    ok(has(f, EV(1), DG_NS_SCHEMA "eventAttendanceMode",
           DG_NS_SCHEMA "OnlineEventAttendanceMode"),
       "a webinar is online");
    ok(has(f, ID "person/ana-cruz", DG_NS "coChairs", EV(1)) &&
           has(f, ID "person/lim-boon-keat", DG_NS "coChairs", EV(1)),
       "both co-chairs");
    ok(has(f, ID "person/tran-van-hai", DG_NS "attends", EV(1)),
       "'At the event, X ...' attends");
    is_int((long)count(f, EV(1), DG_NS "evidence"), 3,
           "evidence for each sentence about it");
    is_str(get(f, EV(1), DG_NS_SCHEMA "startDate"), "2022-09-19",
           "'on Monday' is the Monday before the article date");
    ok(has_lit(f, EV(1), DG_NS "dateInferred", "true"),
       "  ... marked inferred");
    dg_facts_free(f);

    /* chair verb, hosts, dateline */
    f = extract(x, " date 2023-06-12 MANILA (PNA) – General Romeo Santos "
                   "chairs the meeting. The naval exercise was hosted by "
                   "Malaysia on June 5 off Sabah.\n");
    ok(has(f, ID "person/romeo-santos", DG_NS "chairs", EV(1)),
       "'X chairs the meeting'");
    ok(has(f, ID "country/MYS", DG_NS "hosts", EV(2)), "'hosted by'");
    is_str(get(f, EV(2), DG_NS_SCHEMA "startDate"), "2023-06-05",
           "date after 'hosted by X'");
    ok(has(f, EV(1), DG_NS_SCHEMA "location", ID "place/manila") &&
           !has(f, EV(2), DG_NS_SCHEMA "location", ID "place/manila"),
       "the dateline is the venue of the event it reports, of no other");
    dg_facts_free(f);

    /* a forum named like a meeting, upcoming */
    f = extract(x, " date 2023-06-12 Delegates prepared for the upcoming "
                   "ASEAN Defence Senior Officials' Meeting (ADSOM), which is "
                   "expected to take place on July 20.\n");
    is_int((long)events(f), 1, "the forum that takes place is an event");
    ok(has(f, EV(1), DG_NS "partOf", ID "org/adsom"), "partOf the forum");
    is_str(get(f, EV(1), DG_NS_SCHEMA "startDate"), "2023-07-20", "its date");
    dg_facts_free(f);
    f = extract(x, " date 2023-06-12 Cambodia stressed its role in the "
                   "ASEAN Defence Senior Officials' Meeting.\n");
    is_int((long)events(f), 0, "the forum itself is not an event");
    dg_facts_free(f);

    /* host list with a future verb */
    f = extract(x, " date 2023-02-01 Colonel Vo Minh spoke about the events "
                   "that Laos will host, including a ceremony for the 20th "
                   "anniversary of the ASEAN Regional Forum and the first "
                   "Vientiane Defence Expo 2024.\n");
    is_int((long)events(f), 2, "two hosted events");
    ok(has(f, ID "country/LAO", DG_NS "hosts", EV(1)) &&
           has(f, ID "country/LAO", DG_NS "hosts", EV(2)),
       "'X will host A and B'");
    ok(has(f, EV(1), DG_NS "partOf", ID "org/arf"),
       "the anniversary of a forum is partOf it");
    ok(!has(f, ID "person/vo-minh", DG_NS "attends", EV(1)),
       "nobody attends an upcoming event");
    dg_facts_free(f);

    /* bare main event named after its two sides, topics */
    f = extract(x, " date 2023-03-15 The dialogue took place on Tuesday. At "
                   "the dialogue, the two sides discussed maritime security, "
                   "counter-terrorism and cyber security. Vietnam and "
                   "Australia will also boost training.\n");
    is_str(get(f, EV(1), DG_NS_SCHEMA "name"), "Vietnam-Australia dialogue",
           "a bare main event is named after its two sides");
    ok(has(f, ID "country/VNM", DG_NS "participatesIn", EV(1)) &&
           has(f, ID "country/AUS", DG_NS "participatesIn", EV(1)),
       "'the two sides' take part");
    ok(has(f, EV(1), DG_NS_SCHEMA "about", ID "topic/maritime-security") &&
           has(f, EV(1), DG_NS_SCHEMA "about", ID "topic/counter-terrorism") &&
           has(f, EV(1), DG_NS_SCHEMA "about", ID "topic/cybersecurity"),
       "'discussed A, B and C' gives three topics");
    ok(has_lit(f, ID "topic/cybersecurity", DG_NS_SKOS "prefLabel",
               "cybersecurity"),
       "a keyword's label");
    dg_facts_free(f);

    /* the undated main event */
    f = extract(x,
                " date 2021-11-02 The online conference was chaired by "
                "Vietnam. Vietnam chairs the group in the 2021-2022 term.\n");
    is_str(get(f, EV(1), DG_NS_SCHEMA "startDate"), "2021-11-02",
           "an undated reported event: the article's day");
    ok(has_lit(f, EV(1), DG_NS "dateInferred", "true"), "  ... inferred");
    dg_facts_free(f);
    f = extract(
        x, " date 2021-11-02 The upcoming online conference will be chaired "
           "by Vietnam. Vietnam chaired the group in 2020.\n");
    ok(!get(f, EV(1), DG_NS_SCHEMA "startDate"),
       "no date for an upcoming event the text does not date");
    dg_facts_free(f);
    f = extract(x, "The online conference was chaired by Vietnam. Vietnam "
                   "chairs the group in the 2021-2022 term this year, 2021.\n");
    is_str(get(f, EV(1), DG_NS_SCHEMA "startDate"), "2021",
           "no date line: the year the text makes certain");
    dg_facts_free(f);
    f = extract(x, " date 2021-11-02 Vietnam chaired the 12th ADMM. "
                   "On Monday, ministers met at the meeting's "
                   "closing ceremony.\n");
    is_str(get(f, EV(1), DG_NS_SCHEMA "name"), "12th ADMM",
           "a forum with an ordinal is a sitting of it");
    dg_facts_free(f);

    /* messy input */
    f = extract(x, " date 2022-12-30 HANOI — Vietnam beat Malaysia 3-0 in the "
                   "AFF Cup group stage on Tuesday. Striker Nguyen Linh scored "
                   "twice before the closing ceremony.\n\nThe ASEAN Cup final "
                   "will be held in January.\n");
    is_int((long)events(f), 0, "a football page gives no events");
    ok(!has(f, ID "org/asean", DG_RDF_TYPE, DG_NS_SCHEMA "Organization"),
       "'ASEAN Cup' is not ASEAN");
    dg_facts_free(f);
    f = extract(x, " date 2023-03-15 Officers salute at the flag-raising "
                   "ceremony (Photo: mod.gov.vn)\n\nThe frigate sailed "
                   "home.\n");
    is_int((long)events(f), 0, "a photo caption gives no event");
    dg_facts_free(f);

    /* a meeting said with a verb */
    f = extract(x, " date 2024-07-26 Defense Secretary Lloyd Austin met with "
                   "his Japanese counterpart Minister of Defense Minoru Kihara "
                   "in Tokyo on Thursday. The two ministers discussed "
                   "maritime security.\n");
    is_int((long)events(f), 1, "'X met with Y': one meeting");
    is_str(get(f, EV(1), DG_NS_SCHEMA "name"),
           "meeting between Austin and Kihara", "named after the two");
    ok(has_lit(f, EV(1), DG_NS "eventKind", "meeting"), "kind meeting");
    is_str(get(f, EV(1), DG_NS_SCHEMA "startDate"), "2024-07-25",
           "'on Thursday' is the Thursday before the article date");
    ok(has(f, EV(1), DG_NS_SCHEMA "location", ID "place/tokyo"),
       "'in Tokyo' is the venue");
    ok(has(f, ID "person/lloyd-austin", DG_NS "attends", EV(1)) &&
           has(f, ID "person/minoru-kihara", DG_NS "attends", EV(1)),
       "both attend");
    ok(!has(f, ID "country/JPN", DG_NS "participatesIn", EV(1)),
       "a bilateral meeting: the officials' countries are sides, not "
       "participants the text names");
    ok(has(f, EV(1), DG_NS_SCHEMA "about", ID "topic/maritime-security"),
       "'the two ministers discussed' gives its topics");
    dg_facts_free(f);

    f = extract(x, " date 2023-11-02 Chinese Defense Minister Dong Jun held "
                   "talks with Vietnamese Defense Minister Phan Van Giang in "
                   "Beijing on Wednesday. During the talks, Dong praised the "
                   "two militaries.\n");
    is_int((long)events(f), 1,
           "'held talks with': one event, 'the talks' "
           "refers to it");
    is_str(get(f, EV(1), DG_NS_SCHEMA "name"),
           "China-Vietnam talks between Dong Jun and Phan Van Giang",
           "named after the countries and the persons");
    ok(!has(f, ID "country/CHN", DG_NS "participatesIn", EV(1)) &&
           !has(f, ID "country/VNM", DG_NS "participatesIn", EV(1)),
       "  ... nor here (the label still names the sides)");
    ok(has(f, EV(1), DG_NS_SCHEMA "location", ID "place/beijing"), "venue");
    dg_facts_free(f);

    f = extract(x, " date 2023-10-18 Mr Zaki paid a courtesy call on Prime "
                   "Minister Narendra Modi.\n");
    is_int((long)events(f), 1, "'paid a courtesy call on X'");
    is_str(get(f, EV(1), DG_NS_SCHEMA "name"),
           "Zaki's courtesy call on Prime Minister Narendra Modi",
           "  ... named");
    is_str(get(f, EV(1), DG_NS_SCHEMA "startDate"), "2023-10-18",
           "an undated past meeting gets the article's day");
    dg_facts_free(f);

    /* visits */
    f = extract(x, " date 2024-02-16 NATO Secretary General Jens "
                   "Stoltenberg visited Poland on 14 February 2024 and met "
                   "with President Andrzej Duda in Warsaw.\n");
    is_int((long)events(f), 2, "a visit and a meeting");
    is_str(get(f, EV(1), DG_NS_SCHEMA "name"), "Stoltenberg's visit to Poland",
           "the visit's name");
    ok(has(f, EV(1), DG_NS_SCHEMA "location", ID "country/POL"),
       "'visited Poland': the country is the venue");
    is_str(get(f, EV(1), DG_NS_SCHEMA "startDate"), "2024-02-14",
           "'14 February 2024'");
    is_str(get(f, EV(2), DG_NS_SCHEMA "name"),
           "meeting between Stoltenberg and Duda",
           "'and met with': the subject of the first verb");
    ok(has(f, EV(2), DG_NS_SCHEMA "location", ID "place/warsaw"),
       "  ... in Warsaw");
    dg_facts_free(f);

    f = extract(x, " date 2023-09-12 The envoy wrapped up a three-day visit "
                   "to Lebanon.\n");
    is_int((long)events(f), 1, "'a three-day visit to X'");
    ok(has(f, EV(1), DG_NS_SCHEMA "location", ID "country/LBN"),
       "  ... in the country it goes to");
    dg_facts_free(f);

    /* not meetings */
    f = extract(x, " date 2024-02-16 The meeting point of the two rivers is "
                   "a popular site. New recruits must meet the requirements. "
                   "The proposal met with criticism from lawmakers. The "
                   "president visited the new hospital.\n");
    is_int((long)events(f), 0,
           "'meeting point', 'meet the requirements', "
           "'met with criticism' are no events");
    dg_facts_free(f);
    f = extract(x, " date 2024-02-16 The minister did not meet with General "
                   "Pham Van Hoa.\n");
    is_int((long)events(f), 0, "a negated meeting is none");
    dg_facts_free(f);

    /* named exercises, patrols, indefinite phrases with a topic */
    f = extract(x, " date 2023-08-30 Austin thanked the Philippines for "
                   "hosting the exercise Balikatan 2023.\n");
    is_str(get(f, EV(1), DG_NS_SCHEMA "name"), "exercise Balikatan 2023",
           "a named exercise keeps its name");
    dg_facts_free(f);
    f = extract(x, " date 2023-09-12 The two navies conducted a joint patrol "
                   "in the Gulf of Thailand last week.\n");
    ok(has_lit(f, EV(1), DG_NS "eventKind", "exercise"),
       "a joint patrol is an exercise");
    dg_facts_free(f);
    f = extract(x, " date 2024-03-21 The working group convened a two-day "
                   "meeting focused on maritime security in Vientiane.\n");
    ok(has(f, EV(1), DG_NS_SCHEMA "location", ID "place/vientiane"),
       "'a two-day meeting focused on X in Y': venue");
    ok(has(f, EV(1), DG_NS_SCHEMA "about", ID "topic/maritime-security"),
       "  ... and topic");
    dg_facts_free(f);

    /* headlines give no events of their own */
    f = extract(x, " date 2023-08-30\nReadout of Secretary Lloyd J. Austin "
                   "III's Meeting With Secretary Gilberto Teodoro Jr.\n\n"
                   "Secretary of Defense Lloyd J. Austin III met with "
                   "Philippine Secretary of National Defense Gilberto Teodoro "
                   "Jr. at the Pentagon today.\n");
    is_int((long)events(f), 1, "a headline gives no event of its own");
    ok(has(f, EV(1), DG_NS_SCHEMA "location", ID "place/pentagon"),
       "'at the Pentagon' after a name suffix: the venue");
    dg_facts_free(f);

    /* venues after 'at', 'aboard', 'in the' */
    f = extract(x, " date 2024-02-15 NATO Defence Ministers met at NATO "
                   "Headquarters in Brussels on Thursday.\n");
    ok(has(f, EV(1), DG_NS_SCHEMA "location",
           ID "place/nato-headquarters-brussels"),
       "'at NATO Headquarters in Brussels': venue with its city");
    is_str(get(f, EV(1), DG_NS_SCHEMA "name"),
           "meeting of NATO Defence Ministers",
           "'NATO Defence Ministers met': a group meeting");
    ok(has(f, EV(1), DG_NS "partOf", ID "org/nato"), "  ... part of NATO");
    dg_facts_free(f);
    f = extract(x, " date 2024-02-15 Ministers met at the invitation of "
                   "the chair. Officials met at Vietnam's request.\n");
    is_int((long)events(f), 0,
           "a group without an organisation is no "
           "meeting");
    dg_facts_free(f);
    f = extract(x, " date 2023-10-05 The two navies concluded the 35th "
                   "Exercise Singsiam in the Gulf of Thailand on Wednesday. "
                   "Admirals attended the closing ceremony aboard HTMS "
                   "Bhumibol Adulyadej.\n");
    ok(has(f, EV(1), DG_NS_SCHEMA "location", ID "place/gulf-of-thailand"),
       "'in the Gulf of Thailand'");
    is_str(get(f, EV(2), DG_NS_SCHEMA "name"),
           "closing ceremony of 35th Exercise Singsiam",
           "a bare ceremony is the main event's");
    ok(has(f, EV(2), DG_NS "partOf", EV(1)), "  ... part of it");
    ok(has(f, EV(2), DG_NS_SCHEMA "location",
           ID "place/htms-bhumibol-adulyadej"),
       "  ... venue after 'aboard'");
    ok(has_lit(f, EV(2), DG_NS_SCHEMA "startDate", "2023-10-04"),
       "  ... and its date");
    dg_facts_free(f);
    f = extract(x, " date 2023-10-05 The delegates met in the Asia-Pacific "
                   "region. The talks were held at the request of Laos.\n");
    ok(!count(f, NULL, DG_NS_SCHEMA "location"),
       "'in the Asia-Pacific region', 'at the request of': no venue");
    dg_facts_free(f);

    /* persons in labels; anchored events */
    f = extract(x, " date 2023-05-16 Chinese Defense Minister Li Shangfu held "
                   "talks with Cambodian Defense Minister Tea Banh in Beijing "
                   "on Tuesday.\n\nBefore the talks, Li hosted a welcome "
                   "ceremony for Tea Banh at the August 1st Building.\n");
    ok(get(f, EV(1), DG_NS_SCHEMA "name") &&
           strstr(get(f, EV(1), DG_NS_SCHEMA "name"), "Li Shangfu"),
       "a Chinese name in full in a label");
    is_str(get(f, EV(2), DG_NS_SCHEMA "name"), "welcome ceremony for Tea Banh",
           "'a welcome ceremony for X': the person in the label");
    ok(has_lit(f, EV(2), DG_NS_SCHEMA "startDate", "2023-05-16"),
       "'Before the talks, ...': the talks' date");
    ok(has(f, EV(2), DG_NS_SCHEMA "location", ID "place/august-1st-building"),
       "  ... its own venue");
    ok(has(f, ID "person/li-shangfu", DG_NS "hosts", EV(2)) &&
           !has(f, ID "person/li-shangfu", DG_NS "attends", EV(2)),
       "'Li hosted a ceremony': he hosts (a host does not also attend)");
    ok(!has(f, ID "person/li-shangfu", DG_NS "hosts", EV(1)) &&
           !has(f, ID "country/CHN", DG_NS "hosts", EV(1)),
       "  ... not the talks");
    dg_facts_free(f);
    f = extract(x, " date 2023-11-20 Indian Defence Minister Rajnath Singh "
                   "held bilateral talks with "
                   "Australian Minister Richard Marles in New Delhi on "
                   "November 20, 2023. The talks were held on the sidelines "
                   "of the second India-Australia 2+2 Ministerial Dialogue."
                   "\n\nEarlier, Mr Marles was accorded a Guard of Honour at "
                   "the South Block lawns.\n");
    ok(has(f, EV(1), DG_NS "partOf", EV(2)),
       "'on the sidelines of X': part of X");
    ok(has_lit(f, EV(2), DG_NS_SCHEMA "startDate", "2023-11-20") &&
           has(f, EV(2), DG_NS_SCHEMA "location", ID "place/new-delhi"),
       "  ... which shares its date and venue");
    is_str(get(f, EV(3), DG_NS_SCHEMA "name"),
           "Guard of Honour for Richard Marles",
           "'X was accorded a Guard of Honour'");
    ok(has_lit(f, EV(3), DG_NS_SCHEMA "startDate", "2023-11-20") &&
           has(f, EV(3), DG_NS_SCHEMA "location", ID "place/south-block-lawns"),
       "  ... 'Earlier,': the main event's date, its own venue");
    ok(has(f, ID "country/IND", DG_NS "hosts", EV(3)) &&
           !has(f, ID "country/AUS", DG_NS "hosts", EV(3)),
       "  ... hosted by the other country of the talks");
    dg_facts_free(f);
    f = extract(x, " date 2023-11-20 Rajnath Singh held bilateral talks with "
                   "Australian Minister Richard Marles in New Delhi. Earlier, "
                   "Mr Marles was accorded a Guard of Honour. General Anil "
                   "Chauhan and Secretary Giridhar Aramane were present. He "
                   "will visit the Malabar naval exercise in 2025. Also "
                   "present were Admiral Hari Kumar.\n");
    ok(has(f, ID "person/anil-chauhan", DG_NS "attends", EV(2)) &&
           !has(f, ID "person/anil-chauhan", DG_NS "attends", EV(1)),
       "'X and Y were present': the event of the sentence before");
    ok(!has(f, ID "person/hari-kumar", DG_NS "attends", EV(3)),
       "  ... not an upcoming one");
    dg_facts_free(f);
    f = extract(x, " date 2023-03-09 Defence Minister Mohamad Hasan said it "
                   "was discussed during his meeting with "
                   "Indonesian Defence Minister Prabowo Subianto at Wisma "
                   "Pertahanan here today, in conjunction with the 14th "
                   "Joint Defence Cooperation Committee (JDCC) meeting.\n");
    ok(get(f, EV(1), DG_NS_SCHEMA "name") &&
           strstr(get(f, EV(1), DG_NS_SCHEMA "name"), "between"),
       "'his meeting with X': a meeting between two persons");
    ok(has(f, EV(1), DG_NS_SCHEMA "location", ID "place/wisma-pertahanan"),
       "  ... at its venue");
    ok(has(f, ID "person/mohamad-hasan", DG_NS "attends", EV(1)) &&
           has(f, ID "person/prabowo-subianto", DG_NS "attends", EV(1)),
       "  ... both attend");
    ok(events(f) == 2 && has(f, EV(1), DG_NS "partOf", EV(2)),
       "'in conjunction with the 14th X (JDCC) meeting'");
    dg_facts_free(f);
    f = extract(x, " date 2023-09-12 Under-Secretary-General Jean-Pierre "
                   "Lacroix called for more helicopters as "
                   "he wrapped up a three-day visit to Lebanon.\n");
    is_str(get(f, EV(1), DG_NS_SCHEMA "name"), "Lacroix's visit to Lebanon",
           "'as he wrapped up a visit': the subject's visit");
    dg_facts_free(f);
    f = extract(x, " date 2023-09-12 Under-Secretary-General Jean-Pierre "
                   "Lacroix wrapped up a three-day visit to Lebanon. Mr. "
                   "Lacroix met in Beirut with Lebanese Prime Minister Najib "
                   "Mikati. Mr. Lacroix met in Paris with French Minister "
                   "Jean Dupont.\n");
    ok(has(f, EV(2), DG_NS "partOf", EV(1)),
       "a meeting of the visitor in the country visited is part of the "
       "visit");
    ok(!has(f, EV(3), DG_NS "partOf", EV(1)), "  ... not one elsewhere");
    dg_facts_free(f);
    f = extract(x, " date 2023-09-12 The hospital opened a ceremony hall. "
                   "The budget was given a boost.\n");
    is_int((long)events(f), 0, "'ceremony hall', 'given a boost': none");
    dg_facts_free(f);

    /* keywords of a request are the things asked for, not topics */
    f = extract(x, " date 2021-10-12 Vietnam and Singapore held a defence "
                   "policy dialogue in Hanoi. At the dialogue, the general "
                   "asked Singapore to help the ministry access to vaccines. "
                   "The two sides also discussed maritime security.\n");
    ok(!has(f, EV(1), DG_NS_SCHEMA "about", ID "topic/vaccines"),
       "'asked X to help Y access to vaccines': no topic");
    ok(has(f, EV(1), DG_NS_SCHEMA "about", ID "topic/maritime-security"),
       "  ... a keyword of another sentence is one");
    dg_facts_free(f);

    /* a subject of talks is no event */
    f = extract(x, " date 2023-03-09 The ministers also discussed the "
                   "Coordinated Patrol (CORPAT) and joint training.\n");
    is_int((long)events(f), 0, "'discussed the Coordinated Patrol (CORPAT)'");
    dg_facts_free(f);
    f = extract(x, " date 2023-03-09 The navies held the Coordinated Patrol "
                   "(CORPAT) in the Malacca Strait.\n");
    is_int((long)events(f), 1, "  ... 'held the Coordinated Patrol' is one");
    dg_facts_free(f);

    /* named events */
    f = extract(x, " date 2024-02-15 The Alliance will hold its largest "
                   "exercise in decades, Steadfast Defender 24, with 90,000 "
                   "troops taking part through May.\n");
    is_str(get(f, EV(1), DG_NS_SCHEMA "name"), "Steadfast Defender 24",
           "a name in apposition names the event");
    ok(has_lit(f, EV(1), DG_NS_SCHEMA "startDate", "2024-05"),
       "  ... a future clause: May of this year");
    dg_facts_free(f);
    f = extract(x, " date 2024-02-15 The minister opened the exercise, "
                   "Defence Minister Tran Van Minh said.\n");
    ok(!get(f, EV(1), DG_NS_SCHEMA "name") ||
           strcmp(get(f, EV(1), DG_NS_SCHEMA "name"), "Defence Minister"),
       "a title before a person is no name in apposition");
    dg_facts_free(f);
    f = extract(x, " date 2023-08-30 Austin thanked the Philippines for "
                   "hosting exercise Balikatan 2023, the largest iteration of "
                   "the bilateral exercise to date.\n");
    is_int((long)events(f), 1, "'the bilateral exercise' refers back");
    ok(has_lit(f, EV(1), DG_NS_SCHEMA "startDate", "2023"),
       "  ... the year of its name");
    dg_facts_free(f);
    f = extract(x, " date 2024-06-18 On June 17, in Hanoi, the ministry held "
                   "the opening ceremony of the ADMM-Plus Experts' Working "
                   "Group on Humanitarian Mine Action (EWG on HMA) field "
                   "training exercise, co-chaired by Vietnam and India. The "
                   "exercise, running from June 17 to "
                   "21 at the Engineering Training Centre in Son Tay, gathers "
                   "300 personnel.\n");
    is_int((long)events(f), 2, "the exercise a ceremony is of is an event");
    ok(has(f, EV(1), DG_NS "partOf", EV(2)), "  ... the ceremony is part of "
                                             "it");
    ok(has(f, EV(1), DG_NS_SCHEMA "location", ID "place/hanoi") &&
           has_lit(f, EV(1), DG_NS_SCHEMA "startDate", "2024-06-17"),
       "'On June 17, in Hanoi, ...': date and venue of the first event");
    ok(has(f, EV(2), DG_NS_SCHEMA "location",
           ID "place/engineering-training-centre-son-tay"),
       "  ... the exercise at its own venue");
    ok(has(f, ID "country/VNM", DG_NS "coChairs", EV(2)) &&
           has(f, ID "country/IND", DG_NS "coChairs", EV(2)) &&
           !has(f, ID "country/VNM", DG_NS "coChairs", EV(1)),
       "  ... 'co-chaired by A and B': both co-chair the exercise");
    dg_facts_free(f);
    f = extract(x, " date 2024-07-08 The two countries signed the agreement "
                   "during the second Philippines-Japan Foreign and Defense "
                   "Ministerial Meeting (2+2) at Malacanang Palace. Manalo "
                   "and Teodoro met with Japanese Foreign Minister Yoko "
                   "Kamikawa. The first 2+2 was held in Tokyo in April "
                   "2022.\n");
    is_int((long)events(f), 3,
           "'A and B met with C' joins the named "
           "meeting before (and the signing is one)");
    ok(has(f, EV(2), DG_NS_SCHEMA "location", ID "place/malacanang-palace"),
       "  ... 'at Malacanang Palace'");
    is_str(get(f, EV(3), DG_NS_SCHEMA "name"), "first 2+2",
           "'the first 2+2' is a meeting");
    dg_facts_free(f);
    f = extract(x, " date 2023-05-02 Indonesia will host the 17th ASEAN "
                   "Navy Chiefs' Meeting in Bali next month. The 18th ASEAN "
                   "Navy Chiefs' Meeting was held in Jakarta.\n");
    is_int((long)events(f), 2, "'17th' and '18th' meetings of one forum");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-05 The 9th Northern Forum opened in Oslo "
                   "on Monday. Defence ministers of Finland and Estonia took "
                   "part in the meeting, and Latvia sent a delegation to the "
                   "meeting. Analysts on Denmark said little.\n");
    ok(has(f, ID "country/FIN", DG_NS "participatesIn", EV(1)) &&
           has(f, ID "country/EST", DG_NS "participatesIn", EV(1)),
       "'ministers of A and B took part in': both take part");
    ok(has(f, ID "country/LVA", DG_NS "participatesIn", EV(1)),
       "'sent a delegation to the meeting'");
    ok(!has(f, ID "country/DNK", DG_NS "participatesIn", EV(1)),
       "  ... not a country after another preposition");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-05\nHANOI, March 5 (VNA) - Vietnamese "
                   "Defence Minister Le Van Tam met Lao Defence Minister "
                   "Somsak Vong.\n");
    ok(has(f, EV(1), DG_NS_SCHEMA "location", ID "place/hanoi"),
       "the dateline is the venue of the event it reports");
    dg_facts_free(f);
    f = extract(x, " date 2024-03-05 The 9th Northern Forum and the 3rd "
                   "Baltic Forum in Vilnius ended on Monday.\n");
    ok(has(f, EV(1), DG_NS_SCHEMA "location", ID "place/vilnius") &&
           has(f, EV(2), DG_NS_SCHEMA "location", ID "place/vilnius"),
       "'A and B in City ended': a known city in the phrase, shared");
    dg_facts_free(f);

    f = extract(x, " date 2018-01-10 Norwegian Defence Minister Kari Berg "
                   "met on Tuesday in Oslo with Danish Defence Minister Ole "
                   "Hansen.\n");
    ok(has(f, ID "person/ole-hansen", DG_NS "attends", EV(1)),
       "'met on Tuesday in Oslo with X': the date and venue before 'with'");
    is_str(get(f, EV(1), DG_NS_SCHEMA "startDate"), "2018-01-09",
           "  ... its date");
    ok(has(f, EV(1), DG_NS_SCHEMA "location", ID "place/oslo"),
       "  ... its venue");
    dg_facts_free(f);

    f = extract(x, " date 2019-10-30 Oman hosted the 16th Joint Defence "
                   "Council in Muscat. Delegates included Norwegian Defence "
                   "Minister Kari Berg, Danish Defence Minister Ole Hansen "
                   "and Finnish Defence Minister Mika Salo.\n");
    is_str(get(f, EV(1), DG_NS_SCHEMA "name"), "16th Joint Defence Council",
           "a numbered sitting of a council");
    ok(has(f, ID "person/ole-hansen", DG_NS "attends", EV(1)) &&
           has(f, ID "person/mika-salo", DG_NS "attends", EV(1)),
       "a roster of three officials attends the main event");
    ok(has(f, ID "country/DNK", DG_NS "participatesIn", EV(1)),
       "  ... their countries take part");
    dg_facts_free(f);
    f = extract(x, " date 2019-10-30 The Council of Ministers approved "
                   "the budget. Its 5th Infantry Division moved.\n");
    is_int((long)events(f), 0, "a council or a unit named alone is no sitting");
    dg_facts_free(f);

    f = extract(x, " date 2019-10-30 Norway and Denmark signed an "
                   "agreement on border patrols in Oslo yesterday. The signed "
                   "agreements will help.\n");
    is_int((long)events(f), 1, "'A and B signed X': one signing event");
    is_str(get(f, EV(1), DG_NS_SCHEMA "name"),
           "signing of the agreement on border patrols", "  ... named");
    ok(has_lit(f, EV(1), DG_NS "eventKind", "signing"), "  ... kind");
    ok(has(f, EV(1), DG_NS_SCHEMA "about", ID "topic/border-patrols"),
       "  ... about what the document is on");
    ok(has(f, ID "country/NOR", DG_NS "participatesIn", EV(1)) &&
           has(f, ID "country/DNK", DG_NS "participatesIn", EV(1)),
       "  ... the signatories take part");
    is_str(get(f, EV(1), DG_NS_SCHEMA "startDate"), "2019-10-29",
           "  ... its date");
    dg_facts_free(f);
    f = extract(x, " date 2019-10-30 Norway and Denmark signed a pact "
                   "during the 3rd Nordic Dialogue in Oslo.\n");
    is_str(get(f, EV(1), DG_NS_SCHEMA "name"), "signing of the pact",
           "a signing during a meeting");
    ok(has(f, ID "country/NOR", DG_NS "participatesIn", EV(2)),
       "  ... the meeting is the main event");
    dg_facts_free(f);

    f = extract(x, " date 2024-08-09 Norwegian Defence Minister Kari Berg "
                   "on Thursday night spoke with his Danish counterpart Ole "
                   "Hansen. Minister Berg spoke with reporters.\n");
    is_int((long)events(f), 1,
           "'X on Thursday night spoke with Y': one conversation");
    ok(has(f, ID "person/ole-hansen", DG_NS "attends", EV(1)),
       "  ... 'his Danish counterpart Y' attends");
    is_str(get(f, EV(1), DG_NS_SCHEMA "startDate"), "2024-08-08",
           "  ... the date between the subject and the verb");
    dg_facts_free(f);

    f = extract(x, " date 2024-08-09 Danish Prime Minister Ole Hansen "
                   "received Norwegian Defence Minister Kari Berg. Later, "
                   "Berg paid a courtesy call on Danish Defence Minister Mika "
                   "Salo.\n");
    ok(has(f, ID "person/ole-hansen", DG_NS "hosts", EV(1)) &&
           has(f, ID "person/kari-berg", DG_NS "attends", EV(1)),
       "'X received Y': X hosts, Y attends");
    ok(has(f, ID "person/mika-salo", DG_NS "hosts", EV(2)),
       "'paid a courtesy call on Y': Y hosts");
    dg_facts_free(f);
    f = extract(x, " date 2024-08-09 The 12th ADMM-Plus in Oslo, Norway "
                   "ended.\n");
    ok(has(f, ID "country/NOR", DG_NS "hosts", EV(1)),
       "a forum's sitting in a city: the city's country hosts");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-05\nHANOI (VNA) - Vietnam and Laos held "
                   "talks in Hanoi.\n");
    ok(!has(f, ID "org/vna", DG_RDF_TYPE, DG_NS_SCHEMA "Organization"),
       "a news agency only credited is no organisation of the news");
    ok(has_lit(f, ID "article/e1", DG_NS_SCHEMA "sourceOrganization",
               "Vietnam News Agency"),
       "  ... but the article's source");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-05 The 19th ADMM and the 12th ADMM-Plus "
                   "in Hanoi ended. ASEAN ministers included Norway's Kari "
                   "Berg, Denmark's Ole Hansen and Finland's Mika Salo. "
                   "Meanwhile ADMM-Plus gathered Japan's Taro Kono, China's "
                   "Wei Lin and India's Raj Mehta.\n");
    ok(has(f, ID "person/kari-berg", DG_NS "attends", EV(1)) &&
           has(f, ID "person/taro-kono", DG_NS "attends", EV(2)) &&
           !has(f, ID "person/taro-kono", DG_NS "attends", EV(1)),
       "a roster naming a forum goes to that forum's sitting");
    dg_facts_free(f);

    f = extract(x, " date 2018-06-18\nOSLO, June 18 (NTB) -- Norwegian "
                   "Prime Minister Kari Berg received here this afternoon at "
                   "the Royal Palace visiting Danish Defence Minister Gen. Ole "
                   "Hansen.\n");
    ok(has(f, ID "person/kari-berg", DG_NS "hosts", EV(1)) &&
           !has(f, ID "person/kari-berg", DG_NS "attends", EV(1)) &&
           has(f, ID "person/ole-hansen", DG_NS "attends", EV(1)),
       "'X received here this afternoon at V visiting Gen. Y': X hosts "
       "(and does not also attend), Y attends");
    ok(has(f, EV(1), DG_NS_SCHEMA "location", ID "place/royal-palace"),
       "  ... the venue after 'at' is more specific than 'here'");
    is_str(get(f, EV(1), DG_NS_SCHEMA "startDate"), "2018-06-18",
           "  ... 'this afternoon'");
    dg_facts_free(f);

    f = extract(x, " date 2019-10-30 The 16th Joint Defence Council opened, "
                   "with Oman as host, at the Al Bustan Palace Hotel on "
                   "Wednesday. The meeting was held in a videoconference "
                   "format.\n");
    ok(has(f, EV(1), DG_NS_SCHEMA "location",
           ID "place/al-bustan-palace-hotel"),
       "a named venue further on in the sentence ('at the X Hotel')");
    dg_facts_free(f);

    f = extract(x, " date 2018-10-19 Ministers met ahead of the 12th ADMM. "
                   "The ADMM, a key platform for dialogue, will be held "
                   "tomorrow in Oslo.\n");
    is_int((long)events(f), 1,
           "a forum named alone with 'will be held' is its sitting told "
           "before");
    is_str(get(f, EV(1), DG_NS_SCHEMA "startDate"), "2018-10-20",
           "  ... dated by it");
    dg_facts_free(f);

    f = extract(x, " date 2024-02-04 Defence Secretary Kari Berg left for "
                   "the US for an official trip. In Oslo, Defence Minister Ole "
                   "Hansen held bilateral discussions with Defence Minister "
                   "Mika Salo.\n");
    is_str(get(f, EV(1), DG_NS_SCHEMA "name"), "Berg's visit to United States",
           "'left for the US': a visit");
    ok(has(f, ID "person/mika-salo", DG_NS "attends", EV(2)),
       "'held bilateral discussions with'");
    dg_facts_free(f);

    f = extract(x, " date 2024-02-04 Norwegian Defence Minister Kari Berg "
                   "met Danish Defence Minister Ole Hansen in Oslo. Both "
                   "discussed ways to enhance bilateral defence cooperation."
                   "\n");
    ok(has(f, ID "country/NOR", DG_NS "cooperatesWith", ID "country/DNK") &&
           has(f, ID "country/DNK", DG_NS "cooperatesWith", ID "country/NOR"),
       "the two sides of a meeting speak of enhancing cooperation");
    dg_facts_free(f);

    f = extract(x, " date 2004-06-29 NATO leaders decided to elevate the "
                   "Mediterranean Dialogue. The Dialogue's political "
                   "dimension will grow.\n");
    is_int((long)events(f), 0,
           "'the Dialogue' after the Mediterranean Dialogue is its short "
           "name, no event");
    dg_facts_free(f);

    f = extract(x, " date 2006-12-05 Norway and Denmark signed an agreement "
                   "yesterday. Defence Minister Kari Berg, her Danish "
                   "counterpart Ole Hansen met in Oslo to sign it. Later, "
                   "Hansen called on Defence Minister Mika Salo and had also "
                   "met with officials.\n");
    ok(has(f, ID "person/ole-hansen", DG_NS "attends", EV(2)) &&
           has(f, ID "person/kari-berg", DG_NS "attends", EV(2)),
       "'A, her counterpart B met in Oslo': a meeting of the two");
    is_str(get(f, EV(2), DG_NS_SCHEMA "startDate"), "2006-12-04",
           "  ... the day of the signing told beside it");
    dg_facts_free(f);

    f = extract(x, " date 2004-06-29 Meeting in Istanbul, NATO leaders "
                   "decided to launch a new initiative.\n");
    is_str(get(f, EV(1), DG_NS_SCHEMA "name"), "meeting of NATO leaders",
           "'Meeting in X, NATO leaders ...': the group met there");
    ok(has(f, EV(1), DG_NS "partOf", ID "org/nato") &&
           has(f, EV(1), DG_NS_SCHEMA "location", ID "place/istanbul"),
       "  ... part of NATO, in Istanbul");
    dg_facts_free(f);

    f = extract(x, " date 2021-04-05 The ship was received by the Sri Lanka "
                   "Navy. It arrived at Colombo port yesterday.\n");
    ok(has(f, ID "org/sri-lanka-navy", DG_RDF_TYPE,
           DG_NS_SCHEMA "Organization"),
       "'Sri Lanka Navy': 'Sri' is an honorific only outside a country name");
    ok(has_lit(f, EV(1), DG_NS "eventKind", "visit"), "'arrived at': a visit");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nNorwegian Defence Minister Kari Berg "
                   "held talks with his Danish counterpart, Ole Hansen, in "
                   "Oslo on Friday.\n");
    ok(has(f, ID "person/ole-hansen", DG_NS "attends", EV(1)) &&
           has(f, ID "person/kari-berg", DG_NS "attends", EV(1)) &&
           has_lit(f, EV(1), DG_NS_SCHEMA "startDate", "2024-03-01"),
       "'talks with his Danish counterpart, A B': both attend");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nMs Berg met Mr Hansen yesterday ahead "
                   "of the 30th Asean Regional Forum (ARF) and the 18th East "
                   "Asia Summit.\n\nThe ARF, an annual gathering of "
                   "ministers, will be held today at the Marina Hall, and the "
                   "EAS tomorrow.\n");
    ok(has_lit(f, EV(1), DG_NS_SCHEMA "startDate", "2024-03-01"),
       "'met yesterday ahead of X and Y': the meeting is yesterday's");
    ok(has_lit(f, EV(2), DG_NS_SCHEMA "startDate", "2024-03-02") &&
           has(f, EV(2), DG_NS "partOf", ID "org/arf"),
       "  ... X is not: 'The ARF, ..., will be held today' is its day");
    ok(has_lit(f, EV(3), DG_NS_SCHEMA "startDate", "2024-03-03"),
       "  ... 'and the EAS tomorrow': Y's");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nDr Kari Berg met with France's "
                   "Minister of the Armed Forces Anne Lefort on Friday.\n");
    ok(has(f, ID "person/anne-lefort", DG_NS "attends", EV(1)),
       "'met with France's Minister of the Armed Forces A B': A B, not "
       "France, is met");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nKari Berg's trip was the first visit "
                   "to Oslo by a Danish defence chief since 2012.\n");
    ok(events(f) == 2 && !has_lit(f, EV(1), DG_NS_SCHEMA "startDate", "2012") &&
           has_lit(f, EV(2), DG_NS_SCHEMA "startDate", "2024-03-02"),
       "'the first visit since 2012': not of 2012");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nMinisters attended the 16th "
                   "Conference of Defence Ministers of the Nordics (CDMN) in "
                   "Oslo. The 35th Exercise Polar Bear and the first Senior "
                   "Envoys' Meeting were held too.\n");
    ok(has(f, EV(1), DG_NS "partOf",
           ID "org/conference-of-defence-ministers-of-the-nordics") &&
           has_lit(f, ID "org/conference-of-defence-ministers-of-the-nordics",
                   DG_NS_SCHEMA "alternateName", "CDMN"),
       "'the 16th Conference of X (ACR)': a sitting of the forum "
       "'Conference of X'");
    ok(count(f, ID "org/exercise-polar-bear", DG_RDF_TYPE) == 0 &&
           count(f, ID "org/senior-envoys-meeting", DG_RDF_TYPE) == 0,
       "  ... not an exercise, not a first meeting");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nThe king welcomed the visit of H.E. "
                   "Gen. Kari Berg on Friday.\n");
    ok(has(f, ID "person/kari-berg", DG_NS "attends", EV(1)) &&
           has_lit(f, EV(1), DG_NS_SCHEMA "name",
                   "visit of H.E. Gen. Kari Berg"),
       "'the visit of H.E. Gen. A B': A B's, through the abbreviations");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nLeaders met at the 47th ASEAN Summit "
                   "in Kuala Lumpur on Friday, and NATO leaders met in "
                   "Brussels.\n");
    ok(events(f) >= 1 && !has(f, ID "org/asean", DG_NS "participatesIn", EV(1)),
       "'the 47th ASEAN Summit': ASEAN's own meeting, not one it takes part "
       "in");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nThe minister began a working visit to "
                   "Norway on Friday.\n");
    ok(events(f) == 1 &&
           !has(f, ID "country/NOR", DG_NS "participatesIn", EV(1)) &&
           has(f, EV(1), DG_NS_SCHEMA "location", ID "country/NOR"),
       "'a visit to Norway': where, not who takes part");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nThe delegation paid a courtesy call to "
                   "Norwegian Labour Party Leader and Prime Minister Kari Berg "
                   "on Friday.\n");
    ok(has(f, ID "person/kari-berg", DG_NS "hosts", EV(1)) &&
           !has(f, ID "person/kari-berg", DG_NS "attends", EV(1)) &&
           count(f, EV(1), DG_NS_SCHEMA "about") == 0,
       "'a courtesy call to TITLES A B': A B is called on and hosts");
    dg_facts_free(f);

    f = extract(x, " date 2024-02-04\nDefence Minister Kari Berg will meet "
                   "her Danish counterpart Ole Hansen in Oslo on Friday. The "
                   "plan will meet the needs of the army.\n");
    ok(events(f) == 1 &&
           has(f, ID "person/ole-hansen", DG_NS "attends", EV(1)) &&
           has_lit(f, EV(1), DG_NS_SCHEMA "startDate", "2024-02-09"),
       "'A will meet B on Friday': a meeting to come; 'will meet the needs' "
       "is none");
    dg_facts_free(f);

    f = extract(x, " date 2023-03-01\nTroops from 30 nations are taking part "
                   "in the annual Polar Bear 2023 military exercises that "
                   "kicked off on Tuesday. The opening ceremony of the "
                   "exercises, which go on until March 10, was presided over "
                   "by General Kari Berg.\n");
    ok(events(f) == 2 &&
           has_lit(f, EV(1), DG_NS_SCHEMA "startDate", "2023-02-28") &&
           has_lit(f, EV(2), DG_NS_SCHEMA "startDate", "2023-02-28"),
       "'the annual X 2023 exercises' are named ones; 'until March 10' does "
       "not date the ceremony");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nOfficers of the Norway Defence Forces "
                   "visited the Oslo Naval University and met leaders of the "
                   "Nordic Farmers Party.\n");
    ok(count(f, ID "org/norway-defence-forces", DG_RDF_TYPE) == 1 &&
           count(f, ID "org/oslo-naval-university", DG_RDF_TYPE) == 1 &&
           count(f, ID "org/nordic-farmers-party", DG_RDF_TYPE) == 1,
       "'... Defence Forces', '... University', '... Party' are "
       "organisations");
    dg_facts_free(f);

    /* "co-led by A and B", "jointly presided over by A, B and C" */
    f = extract(x, " date 2024-03-02\nThe annual Blue Lotus 2024 exercise "
                   "co-led by Vietnam and Laos opened on Friday. The opening "
                   "ceremony was jointly presided over by General Nguyen Van "
                   "Minh and Colonel Bounmy Sisavath.\n");
    ok(has(f, ID "country/VNM", DG_NS "coChairs", EV(1)) &&
           has(f, ID "country/LAO", DG_NS "coChairs", EV(1)),
       "'co-led by A and B': both co-chair");
    ok(has(f, ID "person/nguyen-van-minh", DG_NS "coChairs", EV(2)) &&
           has(f, ID "person/bounmy-sisavath", DG_NS "coChairs", EV(2)) &&
           count(f, ID "person/nguyen-van-minh", DG_NS "chairs") == 0,
       "'jointly presided over by A and B': co-chairs, not a chair");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02\nChina, India and Australia are taking "
                   "part in the Pacific Shield 2024 exercise, which opened on "
                   "Monday.\n");
    ok(has(f, ID "country/CHN", DG_NS "participatesIn", EV(1)) &&
           has(f, ID "country/AUS", DG_NS "participatesIn", EV(1)),
       "'A, B and C are taking part in X': they take part");
    dg_facts_free(f);

    /* a venue after an apposition; chairing a forum is chairing its
     * sitting the text tells of */
    f = extract(x, " date 2018-10-19\nThe 12th ADMM, a key platform for "
                   "dialogue on regional security issues, will be held today "
                   "at the Shangri-La Hotel. It is the first time that "
                   "Singapore is chairing the ADMM since the ADMM-Plus began, "
                   "and it is chairing the ADMM-Plus too.\n");
    ok(has(f, EV(1), DG_NS_SCHEMA "location", ID "place/shangri-la-hotel"),
       "'X, a key platform ..., will be held at V': the venue is V");
    ok(has(f, ID "country/SGP", DG_NS "chairs", EV(1)),
       "'Singapore is chairing the ADMM': the 12th ADMM");
    ok(count(f, ID "org/admm-plus", DG_NS "chairs") == 0,
       "  ... a forum before 'it is chairing' chairs nothing");
    dg_facts_free(f);

    f = extract(x, " date 2024-05-14\nDefense Minister Ali Demir on Tuesday "
                   "met his Ukrainian counterpart Rustem Umerov in the "
                   "Turkish capital. A day later Umerov met Defence Minister "
                   "Mircea Pop in the "
                   "Moldovan capital. They will meet in the capital again.\n");
    ok(has(f, EV(1), DG_NS_SCHEMA "location", ID "place/ankara") &&
           has(f, ID "place/ankara", DG_NS_SCHEMA "containedInPlace",
               ID "country/TUR"),
       "'in the Turkish capital': Ankara, in Turkey");
    ok(has(f, EV(2), DG_NS_SCHEMA "location", ID "place/chisinau"),
       "  ... 'the Moldovan capital': Chisinau");
    dg_facts_free(f);

    /* "met with counterparts from A, B and C": one event, X's meetings */
    f = extract(x, " date 2019-06-01\nDefence Minister Kari Berg met French "
                   "Minister Florence Parly on Saturday. He also met with "
                   "counterparts from other countries such as Cambodia, "
                   "Canada and Vietnam.\n");
    is_str(get(f, EV(2), DG_NS_SCHEMA "name"),
           "Berg's meetings with counterparts from Cambodia, Canada and "
           "Vietnam",
           "'He also met with counterparts from A, B and C': one event");
    ok(has(f, ID "person/kari-berg", DG_NS "attends", EV(2)) &&
           !has(f, ID "person/florence-parly", DG_NS "attends", EV(2)),
       "  ... 'He' is the subject of the meeting before, not its object");
    ok(has(f, ID "country/KHM", DG_NS "participatesIn", EV(2)) &&
           has(f, ID "country/VNM", DG_NS "participatesIn", EV(2)) &&
           count(f, ID "country/KHM", DG_NS "cooperatesWith") == 0,
       "  ... the countries take part, and do not cooperate with one "
       "another");
    dg_facts_free(f);
    f = extract(x, " date 2019-06-01\nDefence Minister Ng Eng Hen met his "
                   "counterparts from the United States and China. Besides US "
                   "Secretary of Defense James Mattis and Chinese Defence "
                   "Minister Wei Fenghe, he also met others.\n");
    ok(f && !strstr(get(f, EV(1), DG_NS_SCHEMA "name"), "counterparts"),
       "  ... not when the next sentence names them one by one");
    dg_facts_free(f);

    /* "after talks with his counterpart A in Warsaw"; the meeting is part
     * of the visit told before or after it */
    f = extract(x, " date 2024-03-19\nDefence Minister Kari Berg said after "
                   "talks with his counterpart Kosiniak-Kamysz in Warsaw that "
                   "ties were strong. Berg is on a visit to Poland.\n");
    ok(has_lit(f, EV(1), DG_NS "eventKind", "meeting") &&
           has(f, EV(1), DG_NS_SCHEMA "location", ID "place/warsaw") &&
           has(f, ID "person/kosiniak-kamysz", DG_NS "attends", EV(1)),
       "'after talks with his counterpart A in Warsaw': a meeting");
    ok(has(f, EV(1), DG_NS "partOf", EV(2)),
       "  ... part of the visit told after it");
    ok(count(f, ID "person/kosiniak-kamysz", DG_NS_SCHEMA "nationality") == 0,
       "  ... a counterpart is not of the country of the text");
    dg_facts_free(f);
    f = extract(x, " date 2021-09-11\nMinister Kari Berg held a meeting with "
                   "General Le Van An in Hanoi. Berg was pleased to hold a "
                   "face-to-face meeting with Minister An.\n");
    is_int((long)events(f), 1,
           "'a meeting with General A B' and 'a meeting with Minister B' are "
           "one");
    dg_facts_free(f);

    /* organisation names: a rank word right before the head; a title
     * after "and" ends the name; a lexicon name written with a possessive
     * is the lexicon's organisation */
    f = extract(x, " date 2023-03-01\nThe General Authority for Statistics "
                   "said so. Ali Demir, Special Representative of the Nordic "
                   "Commission for Somalia and Head of the Nordic Mission, "
                   "spoke. The chief of United States’ Indo-Pacific Command, "
                   "Admiral John Aquilino, attended.\n");
    ok(count(f, ID "org/general-authority-for-statistics", DG_RDF_TYPE) == 1,
       "'General Authority for Statistics': the rank word is the name's");
    ok(count(f, ID "org/nordic-commission-for-somalia", DG_RDF_TYPE) == 1 &&
           count(f, ID "org/nordic-commission-for-somalia-and-head",
                 DG_RDF_TYPE) == 0,
       "'... Commission for Somalia and Head of ...': the title is not the "
       "name's");
    ok(count(f, ID "org/indopacom", DG_RDF_TYPE) == 1 &&
           count(f, ID "org/united-states-indo-pacific-command", DG_RDF_TYPE) ==
               0,
       "'United States’ Indo-Pacific Command' is the lexicon's command");
    dg_facts_free(f);

    /* a date opening the sentence dates each event it tells of first;
     * "among A, B and C" names the parties */
    f = extract(x, " date 2021-04-13\nOn 27 November last year, India's "
                   "National Security Advisor Ajit Doval had visited Sri "
                   "Lanka to participate in the Trilateral Maritime Dialogue "
                   "among India, Sri Lanka and Maldives. The talks between "
                   "Vietnam and Laos ended.\n");
    is_str(get(f, EV(2), DG_NS_SCHEMA "name"),
           "Trilateral Maritime Dialogue among India, Sri Lanka and Maldives",
           "'X among A, B and C': the list is the name's");
    is_str(get(f, EV(2), DG_NS_SCHEMA "startDate"), "2020-11-27",
           "'On 27 November last year, A visited B to attend X': X's date");
    ok(has(f, ID "country/MDV", DG_NS "participatesIn", EV(2)) &&
           has(f, ID "country/LKA", DG_NS "participatesIn", EV(2)),
       "  ... the countries of the list take part");
    is_str(get(f, EV(3), DG_NS_SCHEMA "name"), "talks between Vietnam and Laos",
           "'the talks between A and B ended': the list ends the name");
    ok(count(f, EV(3), DG_NS "partOf") == 0,
       "  ... and they are not part of a visit of others elsewhere");
    dg_facts_free(f);

    /* an auxiliary between the subject and the verb; "X's courtesy call
     * on Y" */
    f = extract(x, " date 2021-04-13\nNational Security Advisor Ajit Doval "
                   "arrived. Doval had called on Prime Minister Mahinda "
                   "Rajapaksa. He will call on President Ranil Perera too.\n");
    is_str(get(f, EV(1), DG_NS_SCHEMA "name"),
           "Doval's courtesy call on Prime Minister Mahinda Rajapaksa",
           "'A had called on TITLE B C': A's courtesy call on TITLE B C");
    ok(has(f, ID "person/ajit-doval", DG_NS "attends", EV(1)) &&
           has(f, ID "person/mahinda-rajapaksa", DG_NS "hosts", EV(1)),
       "  ... A attends, the one called on hosts");
    is_str(get(f, EV(2), DG_NS_SCHEMA "name"),
           "Doval's courtesy call on President Ranil Perera",
           "  ... 'He will call on ...': another, upcoming");
    dg_facts_free(f);

    f = extract(x, " date 2021-04-13\nThe ship is commanded by Captain Ravi "
                   "Kumar, who would call on Rear Admiral Nimal Silva and the "
                   "crew at the naval base in Colombo on 15 April.\n");
    is_str(get(f, EV(1), DG_NS_SCHEMA "name"),
           "Kumar's courtesy call on Nimal Silva",
           "'Captain A B, who would call on C': A B calls on C");
    is_str(get(f, EV(1), DG_NS_SCHEMA "startDate"), "2021-04-15",
           "  ... an upcoming call: 15 April of this year");
    dg_facts_free(f);

    /* "the event" after two events opened the text: the one named last */
    f = extract(x, " date 2015-11-02\nThe ADMM Retreat and the Third "
                   "ADMM-Plus will kick off here on Monday.\nThe ADMM-Plus is "
                   "set to see around 320 delegates.\nThe defence ministers "
                   "of Australia, China and the United States will attend the "
                   "event.\n");
    ok(has(f, ID "country/AUS", DG_NS "participatesIn", EV(2)) &&
           !has(f, ID "country/AUS", DG_NS "participatesIn", EV(1)),
       "'the ADMM-Plus is set to see ...; ministers will attend the event': "
       "the ADMM-Plus");
    dg_facts_free(f);

    /* at a forum's sitting the countries of the officials attending take
     * part; "inaugurated" chairs */
    f = extract(x, " date 2019-10-30\nThe 16th Joint Defence Council was held "
                   "in Muscat on Wednesday. The meeting was attended by UAE "
                   "Minister of State for Defence Affairs Ali Hamad and "
                   "Bahrain's Minister of Defence Affairs Abdullah Nuaimi.\n");
    ok(has(f, ID "country/ARE", DG_NS "participatesIn", EV(1)) &&
           has(f, ID "country/BHR", DG_NS "participatesIn", EV(1)),
       "the countries of the officials at a sitting take part");
    dg_facts_free(f);
    f = extract(x, " date 2024-10-15\nArgentinian Defense Minister Luis Petri "
                   "inaugurated the 16th Conference of Defense Ministers of "
                   "the Americas, attended by Brazil's Defense Minister Jose "
                   "Monteiro.\n");
    ok(has(f, ID "person/luis-petri", DG_NS "chairs", EV(1)) &&
           !has(f, ID "country/ARG", DG_NS "participatesIn", EV(1)) &&
           has(f, ID "country/BRA", DG_NS "participatesIn", EV(1)),
       "'A inaugurated X': A chairs X");
    dg_facts_free(f);

    f = extract(x, " date 2024-05-14\nPresident Ali Demir hosted his "
                   "Ukrainian counterpart Volodymyr Zelenskyy in Istanbul in "
                   "March.\n");
    ok(has_lit(f, EV(1), DG_NS "eventKind", "meeting") &&
           has(f, ID "person/ali-demir", DG_NS "hosts", EV(1)) &&
           has(f, EV(1), DG_NS_SCHEMA "location", ID "place/istanbul"),
       "'A hosted his counterpart B in Istanbul': a meeting A hosts");
    dg_facts_free(f);

    /* "here" with no dateline: the place the headline names */
    f = extract(x, " date 2015-11-02\nDefence meetings to kick off in "
                   "Malaysia\nThe Third ADMM-Plus will kick off here on "
                   "Monday.\n");
    ok(has(f, EV(1), DG_NS_SCHEMA "location", ID "country/MYS") &&
           has(f, ID "country/MYS", DG_NS "hosts", EV(1)),
       "'X will kick off here' under a headline '... in Malaysia'");
    ok(!has(f, ID "country/MYS", DG_NS "participatesIn", EV(1)),
       "  ... the host does not also take part");
    dg_facts_free(f);

    /* "on the sidelines of" a forum named alone, or of "this series of
     * meetings"; the complement before it ends there */
    f = extract(x, " date 2015-11-02\nThe ADMM Retreat and the Third "
                   "ADMM-Plus will kick off here from Nov. 2 to 5.\nThe navy "
                   "will be conducting a special briefing on the Malacca "
                   "Straits Patrol on the sidelines of the ADMM-Plus. The army "
                   "will hold a seminar on the side-line of this series of "
                   "meetings.\n");
    is_str(get(f, EV(3), DG_NS_SCHEMA "name"),
           "special briefing on the Malacca Straits Patrol",
           "'X on Y on the sidelines of Z': X on Y");
    ok(has(f, EV(3), DG_NS "partOf", EV(2)),
       "  ... part of the sitting of the forum named");
    ok(has(f, EV(4), DG_NS "partOf", EV(1)),
       "'on the side-line of this series of meetings': the main event");
    dg_facts_free(f);

    /* "they agreed to hold the X": an event to come, not the talks */
    f = extract(x, " date 2018-08-11\nDefense Minister Song Young-moo held "
                   "talks with his Indian counterpart, Nirmala Sitharaman, on "
                   "Friday. They agreed to promptly hold the vice ministerial "
                   "2+2 dialogue on September 3.\n");
    is_int((long)events(f), 2,
           "'agreed to hold the vice ministerial 2+2 "
           "dialogue': a second event");
    is_str(get(f, EV(2), DG_NS_SCHEMA "startDate"), "2018-09-03",
           "  ... upcoming: its date is ahead");
    dg_facts_free(f);

    /* a bilateral meeting at a forum's sitting is its own event, part of
     * the sitting; an acronym in brackets inside the modifiers; "Prince"
     * is a form of address; "also" between subject and verb */
    f = extract(x, " date 2024-02-04\nDefence Cabinet Secretary Aden Duale "
                   "was on Saturday in Riyadh for the 2nd Islamic Military "
                   "Counter-Terrorism Coalition (IMCTC) defence ministers "
                   "meeting. He also held bilateral discussions with the Saudi "
                   "Deputy Defense Minister, Prince Abdulrahman Al-Muqrin.\n");
    is_str(get(f, EV(1), DG_NS_SCHEMA "name"),
           "2nd Islamic Military Counter-Terrorism Coalition (IMCTC) defence "
           "ministers meeting",
           "'the 2nd X Coalition (IMCTC) defence ministers meeting'");
    ok(count(f, EV(2), DG_RDF_TYPE) == 1 &&
           has(f, EV(2), DG_NS "partOf", EV(1)) &&
           has(f, ID "person/abdulrahman-al-muqrin", DG_NS "attends", EV(2)),
       "'He also held bilateral discussions with B': a meeting of its own, "
       "part of the sitting");
    ok(strstr(get(f, EV(2), DG_NS_SCHEMA "name"), "bilateral discussions") !=
           NULL,
       "  ... named with its noun as written");
    dg_facts_free(f);

    /* "A was in Nairobi last month": a visit, when A is of another
     * country and not there for an event told instead */
    f = extract(x, " date 2024-02-04\nUS General Michael Langley was in "
                   "Nairobi last month. Kenyan Defence Secretary Aden Duale "
                   "was in Nairobi on Friday. French Minister Ana Roux was in "
                   "Riyadh for the 2nd IMCTC meeting.\n");
    is_str(get(f, EV(1), DG_NS_SCHEMA "name"), "Langley's visit to Nairobi",
           "'US General A was in Nairobi last month': a visit");
    is_str(get(f, EV(1), DG_NS_SCHEMA "startDate"), "2024-01",
           "  ... last month");
    is_int((long)events(f), 2,
           "  ... not a Kenyan in Nairobi, nor one there for a meeting");
    dg_facts_free(f);

    /* a chair does not also attend */
    f = extract(x, " date 2019-10-30\nThe 16th Joint Defence Council was held "
                   "in Muscat on Wednesday in the presence of Defence Minister "
                   "Badr Busaidy. Badr Busaidy, who chaired the meeting, "
                   "delivered a speech.\n");
    ok(has(f, ID "person/badr-busaidy", DG_NS "chairs", EV(1)) &&
           !has(f, ID "person/badr-busaidy", DG_NS "attends", EV(1)),
       "'A, who chaired the meeting': A chairs, and does not also attend");
    dg_facts_free(f);

    /* one of the country visited does not attend the visit */
    f = extract(x, " date 2021-09-11\nJapanese Defense Minister Kenji Sato "
                   "paid an official visit to Vietnam on Saturday. Vietnamese "
                   "Defence Minister Phan Van Giang welcomed the visit.\n");
    ok(has(f, ID "person/kenji-sato", DG_NS "attends", EV(1)) &&
           !has(f, ID "person/phan-van-giang", DG_NS "attends", EV(1)),
       "the visitor attends a visit, not his host");
    ok(count(f, ID "country/VNM", DG_NS "participatesIn") == 0 &&
           count(f, ID "country/JPN", DG_NS "participatesIn") == 0,
       "  ... and no country takes part in it");
    dg_facts_free(f);

    /* a purpose clause's event is held where the event before it is; "in
     * REGION" after a superlative is no venue; "hosted in X" is */
    f = extract(x, " date 2021-04-13\nIndia's National Security Advisor "
                   "Ajit Doval visited Sri Lanka on Friday to participate in "
                   "the Trilateral Maritime Dialogue. Blue Lotus is the "
                   "biggest military exercise in Southeast Asia, hosted in "
                   "Thailand every year.\n");
    ok(has(f, EV(2), DG_NS_SCHEMA "location", ID "country/LKA"),
       "'visited Sri Lanka to participate in X': X in Sri Lanka");
    ok(!has(f, EV(3), DG_NS_SCHEMA "location", ID "place/southeast-asia") &&
           has(f, EV(3), DG_NS_SCHEMA "location", ID "country/THA"),
       "'the biggest exercise in Southeast Asia, hosted in Thailand'");
    dg_facts_free(f);

    /* "said in a press conference": an event the speaker attends */
    f = extract(x, " date 2015-11-02\nMalaysian Defense Minister Ali Hussein "
                   "said on Monday in a press conference that the drills "
                   "would go on. He also spoke of a press release.\n");
    ok(has_lit(f, EV(1), DG_NS "eventKind", "conference") &&
           has(f, ID "person/ali-hussein", DG_NS "attends", EV(1)),
       "'A said in a press conference': A attends it");
    is_int((long)events(f), 1, "  ... one");
    dg_facts_free(f);

    /* the source of a report after a topic list is no topic */
    f = extract(x, " date 2019-06-01\nDefence Minister Kari Berg met French "
                   "Minister Florence Parly on Saturday. Both sides exchanged "
                   "views on geopolitical developments and security trends, "
                   "MINDEF added.\n");
    ok(has(f, EV(1), DG_NS_SCHEMA "about", ID "topic/security-trends") &&
           count(f, ID "topic/mindef", DG_RDF_TYPE) == 0,
       "'... on A and B, MINDEF added': A and B, not MINDEF");
    dg_facts_free(f);

    /* a visit dated after the article is to come; the call told during
     * it is part of it */
    f = extract(x, " date 2021-10-27\nKUALA LUMPUR, Oct 27 -- Indonesia's "
                   "Defence Minister Prabowo Subianto will be on a one-day "
                   "working visit to Malaysia tomorrow (October 28). During "
                   "the visit, Prabowo would pay a courtesy call on Prime "
                   "Minister Ismail Sabri Yaakob.\n");
    ok(has(f, EV(2), DG_NS "partOf", EV(1)) &&
           has_lit(f, EV(2), DG_NS_SCHEMA "startDate", "2021-10-28"),
       "a call during an announced visit is part of it, on its day");
    dg_facts_free(f);

    /* "at the invitation of A", "invited by A": A hosts */
    f = extract(x, " date 2018-06-18\nChinese Defence Minister Wei Fenghe is "
                   "on a five-day official visit to Cambodia, from June 16 to "
                   "20, at the invitation of Deputy Prime Minister and "
                   "Minister of National Defence Tea Banh.\n");
    ok(has(f, ID "person/tea-banh", DG_NS "hosts", EV(1)) &&
           !has(f, ID "person/tea-banh", DG_NS "attends", EV(1)),
       "'a visit ..., at the invitation of TITLES A': A hosts it");
    dg_facts_free(f);

    /* "the Mendoza meeting": the event held in Mendoza */
    f = extract(x, " date 2024-10-15\nThe 16th Conference of Coast Guards of "
                   "the Andes is taking place in the city of Mendoza. The "
                   "Mendoza meeting was preceded by expert talks. Yesterday, "
                   "the Cusco meeting was cancelled.\n");
    ok(has(f, EV(1), DG_NS_SCHEMA "location", ID "place/mendoza"),
       "'in the city of Mendoza': the venue is Mendoza");
    ok(count(f, EV(2), DG_RDF_TYPE) == 0 ||
           strstr(get(f, EV(2), DG_NS_SCHEMA "name"), "Mendoza") == NULL,
       "'the Mendoza meeting' is that event, not another");
    dg_facts_free(f);

    /* a bilateral meeting: the two countries cooperate */
    f = extract(x, " date 2024-03-02\nVietnamese Defence Minister Nguyen Van "
                   "Minh met Lao Defence Minister Bounmy Sisavath in Hanoi on "
                   "Monday.\n");
    ok(has(f, ID "country/VNM", DG_NS "cooperatesWith", ID "country/LAO") &&
           has(f, ID "country/LAO", DG_NS "cooperatesWith", ID "country/VNM"),
       "officials of two countries meet: their countries cooperate");
    dg_facts_free(f);
    f = extract(x, " date 2024-03-02\nVietnamese Defence Minister Nguyen Van "
                   "Minh, Lao Defence Minister Bounmy Sisavath and Thai "
                   "Defence Minister Somchai Wongsuwan met in Hanoi on "
                   "Monday.\n");
    ok(f && count(f, ID "country/VNM", DG_NS "cooperatesWith") == 0,
       "  ... not three countries at one table");
    dg_facts_free(f);

    /* a text may stop anywhere, most of all right after a cue ("X will
     * travel to", "met in the format of", "hosted by"): every prefix of
     * these, cut at each word, is read without a read past the last token
     * (the sanitizer builds see one) */
    static const char *const cut[] = {
        "Minister Lacroix will travel to Hanoi next week.",
        "Ministers also met in the format of the ADMM-Plus on Friday.",
        "The table-top exercise of ASEAN's medical forces hosted by "
        "Vietnam ended.",
        "The 5th ADMM-Plus, held in Singapore, was chaired by Dr Ng, who "
        "paid a courtesy call on Prime Minister A B at the Istana.",
        "Vietnam and Laos signed a memorandum of understanding on defence "
        "cooperation during the visit of General Wei to Vientiane.",
        "Captain A B, who would call on Rear Admiral C D, met his counterparts "
        "from other countries such as Laos, Japan and China in the Turkish "
        "capital.",
        "President A B hosted his counterpart C D on the side-line of this "
        "series of meetings among Laos, Japan and China in the city of Hue.",
        "The Blue Lotus exercise is the biggest exercise in Southeast Asia, "
        "and Singapore is chairing the ADMM-Plus.",
        "Minister A B was in Hanoi at the invitation of General C D, who said "
        "in a press conference that they agreed to hold the 2+2 dialogue.",
        NULL};
    size_t cuts = 0, read = 0;
    for (size_t i = 0; cut[i]; i++) {
        char buf[256];
        const char *t = cut[i];
        for (size_t n = 1; t[n - 1]; n++) {
            if (t[n] != ' ' && t[n] != '\0' && t[n] != ',')
                continue;
            snprintf(buf, sizeof buf, " date 2024-03-02\n%.*s", (int)n, t);
            f = extract(x, buf);
            cuts++;
            read += f != NULL;
            dg_facts_free(f);
        }
    }
    ok(cuts > 50 && read == cuts, "a text cut after any word is read (%zu)",
       cuts);

    dg_extract_free(x);
    return tap_done();
}
