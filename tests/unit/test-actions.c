/* test-actions.c: dg:Action extraction on sentences written for the test
 * in the style of the seed articles (not taken from them). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "act-util.h"
#include "tap.h"

#define DATA DG_SRCDIR "/extract/data"

int
main(void)
{
    struct dg_error err;
    struct dg_extractor *x = dg_extract_new(DATA, &err);
    struct dg_facts *f;

    ok(x != NULL, "extractor on the real data");

    f = extract(
        x, " date 2023-05-10 Vietnamese Minister of National Defence General "
           "Phan Van Giang held talks with Australian Minister for Defence "
           "Richard Marles in Hanoi.\n\n"
           "The two ministers agreed to enhance maritime security cooperation "
           "and expand joint training courses, including peacekeeping "
           "courses.\n\n"
           "General Giang thanked Australia for its valuable assistance to "
           "Vietnam's engineering units. He also asked the Australian side to "
           "provide English language training to support the units as well as "
           "help the army access to modern field hospital equipment.\n\n"
           "Marles congratulated Vietnam on the success of its deployment and "
           "praised the efforts of the Vietnamese engineers.\n\n"
           "They pledged to deepen defence ties.\n\n"
           "Australia provided 20 patrol boats to Vietnam last year.\n");
    ok(f != NULL, "extracts a bilateral article");
    const char *gi = P("phan-van-giang"), *ma = P("richard-marles");
    ok(actions(f, "agrees", C("VNM"), C("AUS"),
               "enhance maritime security cooperation") == 1 &&
           actions(f, "agrees", gi, NULL, NULL) == 0 &&
           actions(f, "agrees", ma, NULL, NULL) == 0,
       "'the two ministers agreed to X': officials of two countries, so "
       "one country agrees with the other");
    ok(actions(f, "agrees", NULL, NULL, "peacekeeping courses") == 0,
       "the agreed item stops before ', including'");
    ok(actions(f, "appreciates", gi, C("AUS"), NULL) == 1,
       "'thanked Australia for ...': appreciates, recipient Australia");
    ok(actions(f, "provides", C("AUS"), NULL,
               "assistance to Vietnam's engineering units") == 1,
       "'for its assistance to X': Australia provides the assistance");
    ok(actions(f, "requests", gi, C("AUS"), NULL) == 1,
       "'He asked the Australian side to ...': pronoun and 'side'");
    ok(actions(f, "requests", gi, NULL, "English language training") == 1 &&
           actions(f, "requests", gi, NULL, "field hospital equipment") == 1,
       "two items split at 'as well as'");
    ok(actions(f, "requests", gi, NULL, "to support the units") == 0,
       "'provide X to support Y' asks for X");
    ok(actions(f, "congratulates", ma, C("VNM"), "success of its deployment") ==
           1,
       "'congratulated Vietnam on X'");
    ok(actions(f, "appreciates", ma, NULL, NULL) == 1 &&
           actions(f, "appreciates", C("VNM"), NULL, NULL) == 0,
       "'X congratulated Y and praised Z': the second verb keeps X");
    ok(actions(f, "agrees", NULL, NULL, "deepen defence ties") == 0 &&
           actions(f, "pledges", gi, NULL, "deepen defence ties") == 1,
       "'pledged' is not 'agrees'; 'they' are the two ministers");
    ok(actions(f, "provides", C("AUS"), C("VNM"), "20 patrol boats") == 1,
       "'provided X to Vietnam': item and recipient");
    dg_facts_free(f);

    f = extract(
        x, " date 2022-11-02 Thai Foreign Minister Don Pramudwinai attended "
           "the online meeting of ASEAN and Japan as Thailand held the "
           "chairmanship of the bloc.\n\n"
           "At the meeting, both sides agreed to step up cooperation in "
           "disaster relief, especially search and rescue drills.\n\n"
           "ASEAN foreign ministers hoped Japan would continue to support the "
           "ASEAN Centre for Energy. The countries also highly appreciated "
           "Japan for its role in the region.\n\n"
           "The meeting reviewed the sides' cooperation, with Japan's "
           "donation of 2 million USD to the ASEAN Humanitarian Assistance "
           "Centre highly appreciated.\n\n"
           "Japan will provide more vaccines. Japan did not thank China.\n");
    ok(f != NULL, "extracts a multilateral article");
    ok(actions(f, "agrees", O("asean"), NULL, "step up cooperation") == 1 &&
           actions(f, "agrees", C("JPN"), NULL, "step up cooperation") == 1,
       "'both sides agreed': ASEAN and Japan");
    ok(actions(f, "agrees", C("THA"), NULL, NULL) == 0,
       "a member of ASEAN (its chair) is not a side of its own");
    ok(actions(f, "requests", O("asean"), C("JPN"), "continue to support") == 1,
       "'ASEAN foreign ministers hoped Japan would X': a soft request");
    ok(actions(f, "appreciates", O("asean"), C("JPN"), NULL) >= 1 &&
           actions(f, "appreciates", C("JPN"), C("JPN"), NULL) == 0,
       "'the countries appreciated Japan': the parties but Japan");
    ok(actions(f, "provides", C("JPN"), NULL, "2 million USD") == 1,
       "'Japan's donation of X to Y': Japan provides X to Y");
    ok(actions(f, "appreciates", O("asean"), C("JPN"), NULL) == 2,
       "'with X highly appreciated': passive, agent the meeting's side");
    ok(actions(f, "provides", C("JPN"), NULL, "vaccines") == 0,
       "'will provide' is no provision yet");
    ok(actions(f, "appreciates", C("JPN"), C("CHN"), NULL) == 0,
       "a negated verb is no action");
    dg_facts_free(f);

    f = extract(
        x, "The initiative on maritime safety was proposed by Malaysia and "
           "Indonesia at the workshop. The exercise was hosted by the "
           "Philippines.\n\n"
           "The donation of Korea to the ASEAN Coordinating Centre was highly "
           "appreciated by the delegates. Singapore welcomed the proposal, "
           "which was supported by Brunei.\n");
    ok(actions(f, "proposes", C("MYS"), NULL,
               "initiative on maritime safety") == 1 &&
           actions(f, "proposes", C("IDN"), NULL, NULL) == 1,
       "'was proposed by X and Y': passive, two agents");
    ok(actions(f, "hosts", C("PHL"), NULL, NULL) == 1, "'was hosted by X'");
    ok(actions(f, "provides", C("KOR"), NULL, "donation to the ASEAN") == 1,
       "'the donation of Korea to X': Korea provides");
    ok(actions(f, "provides", C("BRN"), NULL, NULL) == 0,
       "'which was supported by X' provides nothing");
    dg_facts_free(f);

    f = extract(
        x, "The conference ended well thanks to the efforts of Laos. Tensions "
           "in the South China Sea were discussed. Delegates thanked the "
           "organisers.\n");
    ok(actions(f, "appreciates", NULL, NULL, NULL) == 0,
       "'thanks to' and a subject with no entity give no action");
    ok(!has(f, C("CHN"), DG_RDF_TYPE, DG_NS_SCHEMA "Country"),
       "'South China Sea' is not China");
    dg_facts_free(f);

    f = extract(
        x,
        " date 2024-04-10 Thai Navy Commander Admiral Somkiat Chaiyo received "
        "Japanese Chief of Staff Admiral Kenji Sato in Bangkok.\n\n"
        "Sato said Japan would join the drill, and praised the Thai Navy "
        "for its professionalism.\n\n"
        "The two admirals also agreed to expand staff talks between the two "
        "navies.\n\n"
        "\"The drill is vital,\" he said, thanking Thailand for the warm "
        "welcome.\n\n"
        "Somkiat thanked the crews for their support. The navy provided the "
        "following statement to reporters.\n\n"
        "Japan urges support for the fund.\n");
    ok(f != NULL, "extracts a second bilateral article");
    const char *so = P("somkiat-chaiyo"), *sa = P("kenji-sato");
    ok(actions(f, "appreciates", sa, NULL, "professionalism") == 1 &&
           actions(f, "appreciates", C("JPN"), NULL, NULL) == 0,
       "'X said Y would ..., and praised Z': X praises, not Y");
    ok(actions(f, "agrees", C("THA"), C("JPN"), "expand staff talks") +
                   actions(f, "agrees", C("JPN"), C("THA"),
                           "expand staff talks") ==
               1 &&
           actions(f, "agrees", so, NULL, NULL) == 0 &&
           actions(f, "agrees", sa, NULL, NULL) == 0,
       "'the two admirals agreed': Thailand with Japan");
    ok(has(f, C("THA"), DG_NS "cooperatesWith", C("JPN")) &&
           has(f, C("JPN"), DG_NS "cooperatesWith", C("THA")),
       "an agreement between the two navies by officials of two countries");
    ok(actions(f, "appreciates", sa, C("THA"), NULL) == 1,
       "'..., he said, thanking X': the participle's agent is 'he'");
    ok(actions(f, "provides", NULL, NULL, "support") == 0,
       "'thanked X for their support': no provision without what or whom");
    ok(actions(f, "provides", NULL, NULL, "following statement") == 0,
       "'provided the following statement': words, not a gift");
    ok(actions(f, "requests", C("JPN"), NULL, NULL) == 0,
       "'urges support for X' (no 'to'): no request");
    dg_facts_free(f);

    f = extract(
        x,
        " date 2024-04-10 Lao Defence Minister Chansamone Chanyalath thanked "
        "China for its long-term support to the Lao People's Army.\n");
    ok(actions(f, "provides", C("CHN"), NULL,
               "long-term support to the Lao People's Army") == 1,
       "'for its long-term support to X': a hyphenated modifier");
    dg_facts_free(f);

    f = extract(x, " date 2024-03-02 Norwegian Defence Minister Kari Berg "
                   "held talks with Danish Defence Minister Ole Hansen in Oslo."
                   "\n\nThe two sides agreed to expand naval cooperation.\n");
    ok(actions(f, "agrees", C("NOR"), C("DNK"), NULL) +
               actions(f, "agrees", C("DNK"), C("NOR"), NULL) ==
           1,
       "'the two sides agreed': one country agrees with the other");
    dg_facts_free(f);

    dg_extract_free(x);
    return tap_done();
}
