/* test-relations.c: memberOf, chairs, coChairs and cooperatesWith on
 * sentences written for the test in the style of the seed articles. */
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
    const char *mem = DG_NS "memberOf", *coop = DG_NS "cooperatesWith";

    ok(x != NULL, "extractor on the real data");

    f = extract(
        x, "Laos held the rotating chairmanship of the regional bloc in 2024, "
           "ASEAN officials said.\n\n"
           "Cambodia and other ASEAN members sent delegates. Delegates from "
           "Thailand, Japan and ADMM+ countries joined the drill.\n\n"
           "Japan is not a member of ASEAN, while Myanmar is a member of "
           "ASEAN.\n");
    ok(f != NULL, "extracts");
    ok(has(f, C("LAO"), DG_NS "chairs", O("asean")) &&
           has(f, C("LAO"), mem, O("asean")),
       "'held the chairmanship of the bloc': chairs and memberOf");
    ok(has(f, C("KHM"), mem, O("asean")), "'X and other ASEAN members'");
    ok(has(f, C("THA"), mem, O("admm-plus")) &&
           has(f, C("JPN"), mem, O("admm-plus")),
       "'X, Y and ADMM+ countries'");
    ok(!has(f, C("JPN"), mem, O("asean")),
       "'is not a member of' is no membership");
    ok(has(f, C("MMR"), mem, O("asean")), "'is a member of ASEAN'");
    dg_facts_free(f);

    f = extract(
        x, "The talks took place as the Indonesia - Australia comprehensive "
           "strategic partnership keeps developing. The event was held by "
           "Indonesia during its ASEAN Chairmanship Year 2023.\n\n"
           "Indonesian officials said Indonesia would boost cooperation with "
           "all partners, including Canada.\n\n"
           "Malaysia and Thailand attended. Philippine and Chinese vessels "
           "met near the South China Sea.\n");
    ok(has(f, C("IDN"), coop, C("AUS")) && has(f, C("AUS"), coop, C("IDN")),
       "'the X - Y strategic partnership': both directions");
    ok(has(f, C("IDN"), DG_NS "chairs", O("asean")),
       "'during its ASEAN Chairmanship Year'");
    ok(has(f, C("IDN"), coop, C("CAN")) && has(f, C("CAN"), coop, C("IDN")),
       "'X would boost cooperation with ... Y'");
    ok(!has(f, C("MYS"), coop, C("THA")) && !has(f, C("PHL"), coop, C("CHN")),
       "a co-mention is not cooperation");
    ok(!has(f, C("IDN"), coop, C("IDN")), "never a country with itself");
    dg_facts_free(f);

    f = extract(
        x, "The workshop was the first activity of Thailand and New Zealand as "
           "the co-chairs of the ADMM-Plus Experts' Working Group on Maritime "
           "Security. Brunei, as the 2021 ASEAN Chair, welcomed it.\n");
    ok(has(f, C("THA"), DG_NS "coChairs",
           O("admm-plus-experts-working-group-on-maritime-security")) ||
           has(f, C("THA"), DG_NS "coChairs", O("ewg-ms")),
       "'X and Y as the co-chairs of the Working Group'");
    ok(has(f, C("THA"), coop, C("NZL")), "co-chairs cooperate");
    ok(has(f, C("BRN"), DG_NS "chairs", O("asean")) &&
           has(f, C("BRN"), mem, O("asean")),
       "'X, as the 2021 ASEAN Chair'");
    dg_facts_free(f);

    f = extract(x,
                "Laos and China pledged to boost defence ties. The drill will "
                "deepen the comprehensive strategic cooperative partnership of "
                "Cambodia and Vietnam.\n\n"
                "Thailand signed a deal with Malaysia and Indonesia to expand "
                "cooperation. Brazil, Chile and Peru agreed to strengthen "
                "cooperation.\n");
    ok(has(f, C("LAO"), coop, C("CHN")) && has(f, C("CHN"), coop, C("LAO")),
       "'A and B pledged to boost defence ties'");
    ok(has(f, C("KHM"), coop, C("VNM")) && has(f, C("VNM"), coop, C("KHM")),
       "'the ... cooperative partnership of A and B'");
    ok(!has(f, C("MYS"), coop, C("IDN")),
       "'with A and B to expand cooperation': not a subject");
    ok(!has(f, C("BRA"), coop, C("CHL")) && !has(f, C("CHL"), coop, C("PER")),
       "three countries: no pair");
    dg_facts_free(f);

    f = extract(
        x, " date 2024-04-10 Thailand and Singapore wrapped up a naval drill. "
           "It builds on the two navies' cooperation since 1983.\n");
    ok(has(f, C("THA"), coop, C("SGP")) && has(f, C("SGP"), coop, C("THA")),
       "'the two navies' cooperation': the article's two countries");
    dg_facts_free(f);

    f = extract(
        x, " date 2024-04-10 Officials of Japan, India and Brazil met. The two "
           "militaries should deepen cooperation.\n");
    ok(!has(f, C("JPN"), coop, C("IND")) && !has(f, C("IND"), coop, C("BRA")),
       "'the two militaries' among three countries: none");
    dg_facts_free(f);

    f = extract(x, " date 2024-04-10 Delegates from the ten ASEAN member "
                   "states gathered in Hanoi. Vietnam's navy and Thailand's "
                   "army presented. Japan and India observed.\n");
    ok(has(f, C("VNM"), mem, O("asean")) && has(f, C("THA"), mem, O("asean")),
       "'ASEAN member states': the members the article names");
    ok(!has(f, C("JPN"), mem, O("asean")) && !has(f, C("IND"), mem, O("asean")),
       "  ... not the countries that are not members");
    dg_facts_free(f);
    f = extract(x, " date 2024-04-10 ASEAN met in Hanoi. Vietnam and Thailand "
                   "spoke.\n");
    ok(!has(f, C("VNM"), mem, O("asean")),
       "no membership when the article does not speak of members");
    dg_facts_free(f);
    f = extract(x, " date 2024-04-10 Defence ministers of ASEAN countries, "
                   "Australia and China will attend.\n");
    ok(!has(f, C("AUS"), mem, O("asean")) && !has(f, C("CHN"), mem, O("asean")),
       "'ASEAN countries, A and B' is a coordination, not a member list");
    dg_facts_free(f);

    dg_extract_free(x);
    return tap_done();
}
