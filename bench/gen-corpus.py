#!/usr/bin/env python3
"""gen-corpus.py: synthetic defence and foreign-affairs news articles.

Writes N articles (plain UTF-8 text, the input of `diplograph build`) in the
style of seeds/*.txt: an optional first line " date YYYY-MM-DD", a lead that
names officials with ranks and titles, meetings, dialogues, conferences,
exercises and visits with dates and places, countries and forums,
requests, provisions and agreements, topics, follow-up sentences with short
mentions ("General Thang"), and a closing "Translated by ..." line.

Every sentence comes from this file's own templates, filled from the
project's lexicon (extract/data/countries.tsv, ranks.tsv, orgs.tsv when it
is there; each falls back to a built-in list when missing) and from name
generators (Vietnamese, Chinese, Malay, Thai, Indonesian, Japanese,
Korean, Indian, Western) built from syllable lists.  No seed sentence is
copied.

Deterministic: article i depends only on (--seed, i), so the corpus of
1,000 articles is the first 1,000 files of the corpus of 10,000.  Officials
come from a pool that grows with i and recur across articles (a few often,
most rarely), so the union graph links articles as real news does.

Python 3 standard library only.

usage: gen-corpus.py [--seed S] [--data DIR] [--force] N OUTDIR
"""

import argparse
import hashlib
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.join(HERE, "..", "extract", "data")
GENERATOR_VERSION = "1"

# ---------------------------------------------------------------- lexicon


def read_table(path):
    """Reads a TAB-separated lexicon file whose header comments describe its
    columns as "#   1 name   text...".  Returns (columns, rows): columns
    maps a column name to its 0-based index; rows are lists of fields.
    Returns (None, []) when the file is missing or unreadable."""
    cols, rows = {}, []
    try:
        with open(path, encoding="utf-8") as fp:
            for line in fp:
                line = line.rstrip("\n")
                if line.startswith("#"):
                    m = re.match(r"#\s+(\d+)\s+([A-Za-z_][\w-]*)\b", line)
                    if m and m.group(2).lower() not in cols:
                        cols[m.group(2).lower()] = int(m.group(1)) - 1
                    continue
                if line.strip():
                    rows.append(line.split("\t"))
    except OSError:
        return None, []
    return cols, rows


def field(row, cols, names, default=""):
    """The first of names (column names) that the header defines and the
    row fills; default otherwise."""
    for n in names:
        i = cols.get(n)
        if i is not None and i < len(row) and row[i].strip():
            return row[i].strip()
    return default


ADJ_ENDINGS = ("an", "ese", "ish", "ch", "i", "ic", "ine", "ean")
ADJ_OVERRIDE = {"NZL": "New Zealand", "GBR": "British", "USA": "US",
                "KOR": "South Korean", "LAO": "Lao", "VNM": "Vietnamese"}

FALLBACK_COUNTRIES = [
    ("VNM", "Vietnam", "Vietnamese"), ("SGP", "Singapore", "Singaporean"),
    ("IDN", "Indonesia", "Indonesian"), ("THA", "Thailand", "Thai"),
    ("MYS", "Malaysia", "Malaysian"), ("PHL", "Philippines", "Philippine"),
    ("KHM", "Cambodia", "Cambodian"), ("LAO", "Laos", "Lao"),
    ("MMR", "Myanmar", "Myanmar"), ("BRN", "Brunei", "Bruneian"),
    ("CHN", "China", "Chinese"), ("JPN", "Japan", "Japanese"),
    ("KOR", "South Korea", "South Korean"), ("IND", "India", "Indian"),
    ("AUS", "Australia", "Australian"), ("NZL", "New Zealand", "New Zealand"),
    ("USA", "United States", "US"), ("RUS", "Russia", "Russian"),
    ("GBR", "United Kingdom", "British"), ("FRA", "France", "French"),
    ("DEU", "Germany", "German"), ("CAN", "Canada", "Canadian"),
]

# Countries the news is mostly about, most frequent first.
FOCUS = ["VNM", "SGP", "IDN", "THA", "MYS", "PHL", "KHM", "LAO", "MMR", "BRN",
         "CHN", "JPN", "KOR", "IND", "AUS", "NZL", "USA", "RUS", "GBR", "FRA",
         "DEU", "CAN", "ISR", "BLR", "CUB", "MNG", "BGD", "PAK", "TLS", "UKR"]


def load_countries(datadir):
    cols, rows = read_table(os.path.join(datadir, "countries.tsv"))
    out = {}
    if cols is not None:
        for row in rows:
            iso3 = field(row, cols, ["iso3"]) or (row[0] if row else "")
            name = field(row, cols, ["name"]) or (row[3] if len(row) > 3
                                                  else "")
            if not iso3 or not name:
                continue
            adj = ADJ_OVERRIDE.get(iso3)
            if not adj:
                for v in field(row, cols, ["variants"]).split("|"):
                    v = v.strip()
                    if (v and v[0].isupper() and not v.isupper()
                            and "." not in v and len(v.split()) <= 2
                            and v.endswith(ADJ_ENDINGS)
                            and not v.startswith(("Republic", "Kingdom",
                                                  "State", "Union"))):
                        adj = v
                        break
            out[iso3] = (iso3, name, adj or name)
    if len(out) < 10:
        sys.stderr.write("gen-corpus: countries.tsv missing or short; "
                         "using the built-in list\n")
        out = {c[0]: c for c in FALLBACK_COUNTRIES}
    return out


FALLBACK_RANKS = ["General", "Lieutenant General", "Major General",
                  "Senior Colonel", "Colonel", "Senior Lieutenant Colonel",
                  "Lieutenant Colonel", "Major", "Admiral", "Vice Admiral",
                  "Rear Admiral", "Brigadier General", "Air Marshal",
                  "Commodore", "Captain"]


def load_ranks(datadir):
    cols, rows = read_table(os.path.join(datadir, "ranks.tsv"))
    ranks = []
    if cols is not None:
        for row in rows:
            r = field(row, cols, ["canonical"]) or row[0].strip()
            if r and not r.startswith(("Police", "Fleet", "Field")):
                ranks.append(r)
    return ranks or list(FALLBACK_RANKS)


# (acronym or "", canonical name, kind)
FALLBACK_ORGS = [
    ("ASEAN", "Association of Southeast Asian Nations",
     "intergovernmental organization"),
    ("ADMM", "ASEAN Defence Ministers' Meeting", "forum"),
    ("ADMM-Plus", "ASEAN Defence Ministers' Meeting-Plus", "forum"),
    ("ADSOM", "ASEAN Defence Senior Officials' Meeting", "forum"),
    ("ADSOM-Plus", "ASEAN Defence Senior Officials' Meeting-Plus", "forum"),
    ("ARF", "ASEAN Regional Forum", "forum"),
    ("EAS", "East Asia Summit", "forum"),
    ("ACDFM", "ASEAN Chiefs of Defence Forces Meeting", "forum"),
    ("AMMM", "ASEAN Military Medicine Meeting", "forum"),
    ("APEC", "Asia-Pacific Economic Cooperation", "forum"),
    ("SCO", "Shanghai Cooperation Organisation",
     "intergovernmental organization"),
    ("UN", "United Nations", "intergovernmental organization"),
    ("WHO", "World Health Organization", "UN body"),
    ("UNDP", "United Nations Development Programme", "UN body"),
    ("ICRC", "International Committee of the Red Cross", "agency"),
    ("NATO", "North Atlantic Treaty Organization",
     "intergovernmental organization"),
    ("AHA Centre", "ASEAN Coordinating Centre for Humanitarian Assistance",
     "agency"),
    ("ReCAAP", "Regional Cooperation Agreement on Combating Piracy and "
     "Armed Robbery against Ships in Asia", "initiative"),
    ("IISS", "International Institute for Strategic Studies", "agency"),
]


def load_orgs(datadir):
    """Forums and organisations from orgs.tsv when it is there (columns
    found by their header names), plus the built-in ones."""
    orgs = list(FALLBACK_ORGS)
    cols, rows = read_table(os.path.join(datadir, "orgs.tsv"))
    if cols:
        seen = {o[1] for o in orgs}
        for row in rows:
            name = field(row, cols, ["name", "canonical", "label"])
            acr = field(row, cols, ["acronym", "abbreviation", "abbr",
                                    "short", "alternate"]).split("|")[0]
            kind = field(row, cols, ["kind", "orgkind", "type"], "forum")
            if name and name not in seen and len(name) < 90:
                orgs.append((acr, name, kind))
                seen.add(name)
    return orgs


# ---------------------------------------------------------------- names

VN_FAMILY = ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Phan", "Dang",
             "Bui", "Do", "Ho", "Ngo", "Duong", "Ly", "Mac", "Trinh", "Dinh",
             "Luong", "Ha", "Cao", "Lam", "Truong", "Ta", "Kieu", "Vo"]
VN_MIDDLE = ["Van", "Thi", "Duc", "Manh", "Minh", "Quoc", "Hoai", "Xuan",
             "Huu", "Thanh", "Ngoc", "Trong", "Hong", "Anh", "Tien", "Viet",
             "Cong", "Dinh", "Kim", "Quang", "Hai", "Bich"]
VN_GIVEN = ["Thang", "Trong", "Hung", "Dung", "Phuong", "Tuan", "Hai",
            "Long", "Nam", "Son", "Cuong", "Binh", "Khanh", "Linh", "Thanh",
            "Hieu", "Quan", "Tam", "Lan", "Hoa", "Vinh", "Chien", "Giang",
            "Luan", "Nghia", "Phong", "Quy", "Tho", "Uyen", "Yen", "Duy"]
VN_DIACRITIC = {"Nguyen": "Nguyễn", "Tran": "Trần", "Pham": "Phạm",
                "Hoang": "Hoàng", "Vu": "Vũ", "Dang": "Đặng", "Duc": "Đức",
                "Manh": "Mạnh", "Quoc": "Quốc", "Hung": "Hùng",
                "Dung": "Dũng", "Tuan": "Tuấn", "Hai": "Hải", "Son": "Sơn",
                "Binh": "Bình", "Thang": "Thắng", "Chien": "Chiến"}
CN_FAMILY = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang",
             "Zhou", "Wu", "Xu", "Sun", "Hu", "Zhu", "Gao", "Lin", "He", "Guo",
             "Ma", "Luo", "Liang", "Song", "Zheng", "Xie", "Han", "Tang",
             "Feng", "Dong", "Xiao", "Cheng", "Cao", "Yuan", "Deng", "Fu",
             "Shen", "Zeng", "Peng", "Su", "Wei", "Jiang", "Cai", "Jia"]
CN_SYL = ["wei", "jian", "guo", "hua", "ming", "qiang", "jun", "hong", "ping",
          "li", "yong", "bin", "hai", "tao", "xin", "yu", "feng", "lin",
          "zhi", "kang", "bo", "chun", "de", "fang", "gang", "hui", "jie",
          "lei", "peng", "rui", "shan", "wen", "xiang", "yan", "zhong"]
SG_FAMILY = ["Tan", "Lim", "Lee", "Ng", "Ong", "Wong", "Goh", "Chua", "Chan",
             "Koh", "Teo", "Ang", "Yeo", "Heng", "Chee"]
SG_GIVEN = ["Heng", "Kee", "Boon", "Chye", "Meng", "Hock", "Kiat", "Swee",
            "Seng", "Keng", "Wee", "Kok", "Yong", "Siew", "Hwee"]
MY_PRE = ["Ah", "Mu", "Ab", "Ha", "Is", "Ra", "Za", "Fa", "Ka", "Hi", "Sha",
          "Na", "Yu", "Ro", "Zul", "Az", "Sa", "Mo", "Ri", "Ja"]
MY_SUF = ["mad", "hammad", "dul", "san", "mail", "zak", "hid", "zal", "mal",
          "sham", "rul", "jib", "sof", "sli", "kifli", "man", "lleh", "fiq",
          "din", "zlan", "hir", "hari"]
ID_PRE = ["Pra", "Su", "Jo", "Har", "Bam", "Wi", "Ag", "Bu", "Ret", "Did",
          "Yud", "Hen", "Teg", "And", "Sug", "Mar", "Wah", "Dar", "Try", "Lu"]
ID_SUF = ["bowo", "harto", "ko", "yono", "bang", "ranto", "us", "di", "no",
          "it", "hoyono", "dra", "uh", "ika", "iyanto", "sono", "yu", "man",
          "tono", "hut"]
TH_SYL = ["Pra", "yut", "Som", "chai", "Sak", "Chal", "erm", "wit", "Anu",
          "pong", "Tha", "na", "korn", "Su", "ri", "yan", "Nat", "Wi", "ra",
          "Kit", "ti", "Pi", "chit", "Cha", "lerm", "Ap", "hi", "sit", "Ong",
          "art", "Phan", "ut", "Boon", "sak", "Wat", "Prem"]
TH_SUR = ["Wong", "suwan", "Chan", "o-cha", "Siri", "vat", "tana", "Phong",
          "sak", "Rat", "ana", "Bun", "nak", "Sri", "thong", "Kaew", "mala",
          "Chai", "ya", "porn", "Phan", "ich", "kul", "chit", "wong", "pan"]
KH_SYL = ["Tea", "Banh", "Hun", "Manet", "Sok", "Chea", "Pol", "Saroeun",
          "Neth", "Vanna", "Chhum", "Socheat", "Dy", "Vichea", "Keo", "Rithy",
          "Sam", "Sovann", "Kong", "Nara", "Ouk", "Bora"]
LA_SYL = ["Chan", "samone", "Thong", "loun", "Sai", "som", "phone", "Vi",
          "lay", "Khamp", "heng", "Bou", "nhang", "Sou", "pha", "nouvong"]
MM_SYL = ["Min", "Aung", "Hlaing", "Soe", "Win", "Kyaw", "Myint", "Than",
          "Tun", "Htun", "Zaw", "Maung", "Thein", "Naing", "Oo", "Lwin"]
JP_GIVEN = ["Tomoko", "Yasukazu", "Nobuo", "Hiroshi", "Takeshi", "Kenji",
            "Yuko", "Minoru", "Taro", "Kazuhiro", "Akira", "Masahiro",
            "Shinji", "Yoshimasa", "Keiko", "Naoki", "Haruka", "Ryota"]
JP_FAMILY = ["Matsuzawa", "Hamada", "Kishi", "Suzuki", "Tanaka", "Yamamoto",
             "Nakamura", "Kobayashi", "Sato", "Watanabe", "Inoue", "Kimura",
             "Hayashi", "Shimizu", "Yamaguchi", "Mori", "Ikeda", "Hashimoto"]
KR_FAMILY = ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon",
             "Jang", "Lim", "Han", "Shin", "Seo", "Kwon", "Hwang", "Ahn"]
KR_SYL = ["jong", "hyun", "min", "soo", "young", "ho", "jae", "sung", "woo",
          "jin", "kyung", "chul", "dong", "hee", "seok", "tae", "won", "joon"]
IN_PRE = ["Raj", "Ram", "Vij", "Vik", "An", "Sun", "Ash", "Pra", "Har",
          "Dev", "Sur", "Aj", "Nar", "Man", "Jai", "Ar", "Sub", "Mad", "Kri"]
IN_SUF = ["esh", "nath", "ay", "ram", "ish", "deep", "jit", "endra", "ant",
          "preet", "an", "il", "ind", "oj", "ohan", "ukar", "hav", "ishna"]
IN_FAMILY = ["Singh", "Kumar", "Sharma", "Rao", "Menon", "Nair", "Iyer",
             "Reddy", "Gupta", "Verma", "Patel", "Chauhan", "Pillai",
             "Bhatia", "Mishra", "Joshi", "Kapoor", "Malhotra", "Naidu"]
WEST_GIVEN = ["James", "Robert", "Michael", "David", "Richard", "Thomas",
              "Mark", "Andrew", "Peter", "Paul", "Stephen", "Lloyd",
              "Catherine", "Sarah", "Emma", "Anne", "Marie", "Claire",
              "Oliver", "Henrik", "Lars", "Pierre", "Jean", "Hans",
              "Klaus", "Sergei", "Dmitry", "Alexander", "Nikolai", "Olga",
              "Elena", "John", "William", "Daniel", "Matthew", "Laura"]
WEST_FAMILY = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller",
               "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore",
               "Martin", "Thompson", "White", "Harris", "Clark", "Lewis",
               "Walker", "Hall", "Allen", "Young", "King", "Wright", "Scott",
               "Green", "Baker", "Adams", "Nelson", "Carter", "Mitchell",
               "Roberts", "Turner", "Phillips", "Campbell", "Parker",
               "Evans", "Edwards", "Collins", "Stewart", "Morris", "Murphy",
               "Dubois", "Laurent", "Lefebvre", "Schmidt", "Schneider",
               "Fischer", "Weber", "Ivanov", "Petrov", "Sokolov", "Volkov",
               "Morozov", "Novak", "Jensen", "Larsen", "Kowalski"]
ES_GIVEN = ["Carlos", "Jose", "Luis", "Miguel", "Juan", "Ana", "Maria",
            "Jorge", "Alejandro", "Fernando", "Ricardo", "Isabel", "Raul"]
ES_FAMILY = ["Garcia", "Rodriguez", "Martinez", "Lopez", "Gonzalez", "Perez",
             "Sanchez", "Ramirez", "Torres", "Flores", "Rivera", "Gomez",
             "Diaz", "Castro", "Ortega", "Morales"]
RU_GIVEN = ["Sergei", "Dmitry", "Alexander", "Nikolai", "Viktor", "Andrei",
            "Igor", "Vladimir", "Yuri", "Alexei", "Mikhail", "Oleg"]
RU_FAMILY = ["Ivanov", "Petrov", "Sokolov", "Volkov", "Morozov", "Fomin",
             "Kuznetsov", "Popov", "Lebedev", "Kozlov", "Novikov", "Orlov"]


def cap(s):
    return s[:1].upper() + s[1:]


def name_for(rng, iso3):
    """A full name in the naming style of the country (family name first
    where the country writes it so)."""
    if iso3 == "VNM":
        parts = [rng.choice(VN_FAMILY)]
        parts += rng.sample(VN_MIDDLE, rng.choice((1, 1, 1, 2)))
        parts.append(rng.choice(VN_GIVEN))
        if rng.random() < 0.12:
            parts = [VN_DIACRITIC.get(p, p) for p in parts]
        return " ".join(parts)
    if iso3 == "CHN":
        given = cap(rng.choice(CN_SYL))
        if rng.random() < 0.7:
            given += rng.choice(CN_SYL)
        return rng.choice(CN_FAMILY) + " " + given
    if iso3 == "SGP":
        r = rng.random()
        if r < 0.55:
            return "%s %s %s" % (rng.choice(SG_FAMILY), rng.choice(SG_GIVEN),
                                 rng.choice(SG_GIVEN))
        return name_for(rng, "MYS" if r < 0.75 else
                        ("IND" if r < 0.9 else "GBR"))
    if iso3 in ("MYS", "BRN"):
        first = rng.choice(MY_PRE) + rng.choice(MY_SUF)
        father = rng.choice(MY_PRE) + rng.choice(MY_SUF)
        if rng.random() < 0.5:
            return "%s %s" % (first, father)
        return "%s bin %s" % (first, father)
    if iso3 == "IDN":
        first = rng.choice(ID_PRE) + rng.choice(ID_SUF)
        if rng.random() < 0.25:
            return first
        return first + " " + rng.choice(ID_PRE) + rng.choice(ID_SUF)
    if iso3 == "THA":
        given = rng.choice(TH_SYL) + rng.choice(TH_SYL).lower()
        sur = "".join(rng.choice(TH_SUR) for _ in range(rng.choice((2, 3))))
        return cap(given.lower()) + " " + cap(sur.lower())
    if iso3 == "KHM":
        return " ".join(rng.sample(KH_SYL, rng.choice((2, 2, 3))))
    if iso3 == "LAO":
        return "%s %s" % (cap((rng.choice(LA_SYL) + rng.choice(LA_SYL))
                              .lower()),
                          cap((rng.choice(LA_SYL) + rng.choice(LA_SYL) +
                               rng.choice(LA_SYL)).lower()))
    if iso3 == "MMR":
        return " ".join(rng.sample(MM_SYL, rng.choice((2, 3, 3))))
    if iso3 == "JPN":
        return rng.choice(JP_GIVEN) + " " + rng.choice(JP_FAMILY)
    if iso3 == "KOR":
        return "%s %s-%s" % (rng.choice(KR_FAMILY), cap(rng.choice(KR_SYL)),
                             rng.choice(KR_SYL))
    if iso3 in ("IND", "BGD", "PAK"):
        return cap(rng.choice(IN_PRE) + rng.choice(IN_SUF)) + " " + \
            rng.choice(IN_FAMILY)
    if iso3 in ("RUS", "BLR"):
        return rng.choice(RU_GIVEN) + " " + rng.choice(RU_FAMILY)
    if iso3 in ("CUB", "MEX", "ESP", "ARG", "CHL", "COL", "PER", "VEN",
                "BOL", "ECU", "URY", "PRY", "GTM", "HND", "NIC", "SLV",
                "CRI", "PAN", "DOM"):
        return "%s %s %s" % (rng.choice(ES_GIVEN), rng.choice(ES_FAMILY),
                             rng.choice(ES_FAMILY))
    given = rng.choice(WEST_GIVEN)
    if rng.random() < 0.15:
        given += " " + chr(ord("A") + rng.randrange(26)) + "."
    return given + " " + rng.choice(WEST_FAMILY)


# ---------------------------------------------------------------- content

CITIES = {
    "VNM": ["Hanoi", "Ho Chi Minh City", "Da Nang", "Nha Trang", "Hai Phong",
            "Can Tho", "Cam Ranh"],
    "SGP": ["Singapore"], "IDN": ["Jakarta", "Bali", "Surabaya", "Bandung"],
    "THA": ["Bangkok", "Chiang Mai", "Pattaya", "Sattahip"],
    "MYS": ["Kuala Lumpur", "Putrajaya", "Langkawi", "Penang"],
    "PHL": ["Manila", "Cebu", "Subic Bay"], "KHM": ["Phnom Penh", "Siem Reap"],
    "LAO": ["Vientiane", "Luang Prabang"], "MMR": ["Naypyidaw", "Yangon"],
    "BRN": ["Bandar Seri Begawan"], "CHN": ["Beijing", "Shanghai", "Qingdao"],
    "JPN": ["Tokyo", "Yokosuka", "Osaka"], "KOR": ["Seoul", "Busan"],
    "IND": ["New Delhi", "Mumbai", "Visakhapatnam", "Pune"],
    "AUS": ["Canberra", "Sydney", "Darwin", "Perth"],
    "NZL": ["Wellington", "Auckland"],
    "USA": ["Washington", "Honolulu", "San Diego", "Norfolk"],
    "RUS": ["Moscow", "Vladivostok", "Kubinka"], "GBR": ["London"],
    "FRA": ["Paris", "Toulon"], "DEU": ["Berlin", "Bonn"],
    "CAN": ["Ottawa"], "MNG": ["Ulaanbaatar"], "BGD": ["Dhaka"],
}

TOPICS = [
    "maritime security", "counter-terrorism", "peacekeeping operations",
    "humanitarian assistance and disaster relief", "military medicine",
    "cybersecurity", "humanitarian mine action", "search and rescue",
    "defence industry cooperation", "COVID-19 prevention and control",
    "climate change and security", "transnational crime",
    "women, peace and security", "military education and training",
    "border management", "nuclear security", "piracy at sea",
    "war legacy settlement", "unexploded ordnance clearance",
    "defence logistics", "military history and archives",
    "information sharing", "coast guard cooperation",
    "chemical, biological and radiological defence", "aviation safety",
]

ITEMS = [
    "medical supplies and medicines", "protective equipment",
    "ventilators and test kits", "training courses for young officers",
    "English language training", "rescue boats and equipment",
    "mine detection equipment", "field hospital equipment",
    "scholarships for cadets", "technical assistance",
    "patrol vessels", "satellite imagery for disaster response",
    "support for the repatriation of remains", "vaccine doses",
    "water purification systems", "communications equipment",
]

DEPARTMENTS = [
    "Foreign Relations", "Peacekeeping Operations", "Military Medicine",
    "Defence Industry", "Search and Rescue", "International Cooperation",
    "Defence Policy", "Military Science", "Operations", "Planning",
    "Training", "Logistics", "Legal Affairs", "Strategic Studies",
    "External Relations", "Military Technology",
]

EXERCISE_A = ["Golden", "Silent", "Pacific", "Ocean", "Iron", "Blue",
              "Southern", "Northern", "Steel", "Jade", "Lotus", "Coral",
              "Eagle", "Dragon", "Monsoon", "Harbour", "Cobra", "Tiger"]
EXERCISE_B = ["Shield", "Partnership", "Guardian", "Dawn", "Sentinel",
              "Horizon", "Spirit", "Bridge", "Wave", "Thunder", "Star",
              "Resolve", "Unity", "Friendship", "Response", "Endeavour"]

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday"]
TRANSLATORS = ["Minh Anh", "Tran Hoai", "Thu Trang", "Hong Nhung",
               "Quang Minh", "Mai Huong", "Thanh Son", "Bich Ngoc",
               "Duc Anh", "Phuong Linh", "Hai Yen", "Trung Kien"]


def ordinal(n):
    if 10 <= n % 100 <= 20:
        suf = "th"
    else:
        suf = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return "%d%s" % (n, suf)


ORD_WORDS = ["first", "second", "third", "fourth", "fifth", "sixth",
             "seventh", "eighth", "ninth", "tenth"]


class Lexicon:
    def __init__(self, datadir):
        self.countries = load_countries(datadir)
        self.ranks = load_ranks(datadir)
        self.orgs = load_orgs(datadir)
        self.focus = [c for c in FOCUS if c in self.countries]
        self.others = sorted(c for c in self.countries if c not in FOCUS)
        self.forums = [o for o in self.orgs if o[2] == "forum"] or self.orgs
        senior = [r for r in ("General", "Lieutenant General",
                              "Major General", "Senior Colonel", "Colonel",
                              "Senior Lieutenant Colonel",
                              "Lieutenant Colonel", "Rear Admiral",
                              "Vice Admiral", "Admiral", "Brigadier General",
                              "Major") if r in self.ranks]
        self.senior_ranks = senior or self.ranks

    def country(self, rng, focus=0.88):
        """An iso3: a focus country (earlier ones more often) or any."""
        if rng.random() < focus or not self.others:
            k = len(self.focus)
            return self.focus[min(int(k * rng.random() ** 1.6), k - 1)]
        return rng.choice(self.others)

    def name(self, iso3):
        return self.countries[iso3][1]

    def adj(self, iso3):
        return self.countries[iso3][2]

    def the_name(self, iso3):
        n = self.name(iso3)
        if n.startswith(("United", "Philippines", "Netherlands", "Republic",
                         "Czech", "Dominican", "Central", "Gambia",
                         "Bahamas", "Maldives", "Solomon", "Marshall")):
            return "the " + n
        return n


class Official:
    __slots__ = ("name", "iso3", "rank", "title", "short", "pronoun")


def make_official(lex, seed, iso3, k):
    """Official number k of country iso3: depends only on (seed, iso3,
    k)."""
    rng = random.Random("%s:official:%s:%d" % (seed, iso3, k))
    o = Official()
    o.iso3 = iso3
    o.name = name_for(rng, o.iso3)
    adj = lex.adj(o.iso3)
    military = rng.random() < 0.7
    o.rank = rng.choice(lex.senior_ranks) if military else ""
    dept = rng.choice(DEPARTMENTS)
    if military:
        title = rng.choice([
            "Director of the Department of %s" % dept,
            "Deputy Director of the Department of %s" % dept,
            "Deputy Chief of the General Staff of the %s armed forces" % adj,
            "Commander of the %s Navy" % adj,
            "Deputy Minister of National Defence",
            "Head of the %s Centre for %s" % (adj, dept),
            "Defence Attaché at the %s Embassy" % adj,
            "Director General of the %s Directorate" % dept,
            "Chief of Staff of the %s Air Force" % adj,
        ])
    else:
        title = rng.choice([
            "Minister of Foreign Affairs", "Deputy Minister of Foreign Affairs",
            "Permanent Secretary for Defence", "Minister of National Defence",
            "Ambassador to %s" % lex.the_name(lex.country(rng)),
            "Director General of the %s Department" % dept,
            "Deputy Permanent Secretary for Defence Policy",
            "Secretary of State for Defence",
        ])
    o.title = title
    toks = o.name.split()
    if o.iso3 in ("VNM", "KHM", "MMR"):
        last = toks[-1]
    elif o.iso3 in ("CHN", "KOR") or " bin " in o.name:
        last = toks[0]
    else:
        last = toks[-1]
    o.short = ("%s %s" % (o.rank.split()[-1] if rng.random() < 0.5 else
                          o.rank, last)) if o.rank else (
        rng.choice(["Mr.", "Ms."]) + " " + last)
    o.pronoun = "she" if o.short.startswith("Ms.") else "he"
    return o


class Writer:
    """Writes one article; holds the article's random state."""

    def __init__(self, lex, pool, rng, date):
        self.lex, self.pool, self.rng, self.date = lex, pool, rng, date
        self.year = date[0] if date else rng.randrange(2015, 2025)
        self.people = []
        self.used = set()  # body templates already used in this article

    def pick(self, seq):
        return self.rng.choice(seq)

    def official(self, iso3=None):
        o = self.pool.get(self.rng, iso3 or self.lex.country(self.rng))
        self.people.append(o)
        return o

    def intro(self, o, full=True):
        """ "Senior Colonel X, Deputy Director of ..." in one of a few
        orders."""
        lex, r = self.lex, self.rng.random()
        rank = (o.rank + " ") if o.rank else ""
        if not full:
            return o.short
        if r < 0.55:
            return "%s%s, %s" % (rank, o.name, o.title)
        if r < 0.8:
            return "%s %s %s%s" % (lex.adj(o.iso3), o.title, rank, o.name)
        return "%s%s, %s of %s" % (rank, o.name, o.title,
                                   lex.the_name(o.iso3))

    def when(self):
        rng, y = self.rng, self.year
        m, d = rng.randrange(12), rng.randrange(1, 29)
        r = rng.random()
        if r < 0.3:
            return "on %s %d" % (MONTHS[m], d)
        if r < 0.5:
            return "on %d %s %d" % (d, MONTHS[m], y)
        if r < 0.62:
            return "on %s %d, %d" % (MONTHS[m], d, y)
        if r < 0.74:
            return "on %s" % self.pick(WEEKDAYS)
        if r < 0.86:
            return "from %s %d to %d" % (MONTHS[m], d, d + rng.randrange(1, 4))
        if r < 0.94:
            return "in %s %d" % (MONTHS[m], y)
        return "this %s" % MONTHS[m]

    def place(self, iso3=None):
        iso3 = iso3 or self.lex.country(self.rng)
        cities = CITIES.get(iso3)
        if cities and self.rng.random() < 0.8:
            c = self.pick(cities)
            return c if c == self.lex.name(iso3) else \
                "%s, %s" % (c, self.lex.the_name(iso3))
        return self.lex.the_name(iso3)

    def forum(self):
        acr, name, _ = self.pick(self.lex.forums)
        if acr and self.rng.random() < 0.5:
            return acr, "the %s (%s)" % (name, acr)
        return acr or name, "the " + name

    def event(self, a, b):
        """(kind, phrase) of an event between countries a and b."""
        rng, lex = self.rng, self.lex
        k = rng.random()
        topic = self.pick(TOPICS)
        if k < 0.2:
            short, full = self.forum()
            return "meeting", rng.choice([
                "the %s meeting of %s" % (ordinal(rng.randrange(2, 30)), full),
                "a working meeting on %s on the sidelines of %s" % (topic,
                                                                   full),
                "the %s Experts' Working Group on %s" % (short, topic)])
        if k < 0.38:
            return "dialogue", "the %s %s–%s %s" % (
                rng.choice(ORD_WORDS), lex.name(a), lex.name(b),
                rng.choice(["Defence Policy Dialogue", "Strategic Dialogue",
                            "Security Dialogue",
                            "Deputy Ministerial Defence Dialogue"]))
        if k < 0.52:
            short, full = self.forum()
            return "conference", rng.choice([
                "an online conference of %s on %s" % (full, topic),
                "the %s Conference on %s" % (short, topic),
                "the international conference “%s in a changing region”"
                % cap(topic)])
        if k < 0.62:
            return "seminar", "%s seminar on %s" % (
                rng.choice(["a", "an online", "a two-day", "a regional"]),
                topic)
        if k < 0.76:
            return "exercise", rng.choice([
                "the joint exercise %s %s %d" % (self.pick(EXERCISE_A),
                                                 self.pick(EXERCISE_B),
                                                 self.year),
                "a table-top exercise on %s" % topic,
                "the field training exercise on %s of the %s" % (
                    topic, self.forum()[0])])
        if k < 0.82:
            return "expo", "the %s International Defence Expo %d" % (
                lex.name(a), self.year)
        if k < 0.88:
            return "ceremony", "a ceremony marking the %s anniversary of "\
                "%s–%s diplomatic relations" % (
                    ordinal(rng.choice((10, 20, 25, 30, 45, 50, 60, 70))),
                    lex.name(a), lex.name(b))
        if k < 0.95:
            return "visit", "an official visit to %s" % lex.the_name(b)
        return "training", "a training course on %s for %s officers" % (
            topic, lex.adj(b))

    # -- sentences

    def lead(self, a, b, host, guest, ev):
        kind, phrase = ev
        rng = self.rng
        when = self.when()
        where = self.place(b if kind == "visit" else a)
        verb = rng.choice(["chaired", "co-chaired", "attended", "hosted",
                           "addressed", "opened"])
        r = rng.random()
        if r < 0.4:
            return "%s %s %s in %s %s." % (self.intro(host), verb, phrase,
                                           where, when)
        if r < 0.7:
            return "%s was held in %s %s under the chair of %s." % (
                cap(phrase), where, when, self.intro(host))
        return "%s, %s and %s held %s %s, with the participation of "\
            "delegates from %s." % (
                cap(when), self.intro(host), self.intro(guest), phrase,
                rng.choice(["online", "in " + where]),
                self.countries_list())

    def countries_list(self):
        rng, lex = self.rng, self.lex
        n = rng.randrange(2, 7)
        cs = []
        while len(cs) < n:
            c = lex.country(rng)
            if c not in cs:
                cs.append(c)
        names = [lex.the_name(c) for c in cs]
        return ", ".join(names[:-1]) + " and " + names[-1]

    def body(self, a, b, host, guest, ev):
        rng, lex = self.rng, self.lex
        kind, phrase = ev
        topic, topic2 = rng.sample(TOPICS, 2)
        item = self.pick(ITEMS)
        short_fm, full_fm = self.forum()
        ha, hb = host.short, guest.short
        pa = lex.adj(a)
        pb = lex.adj(b)
        choices = [
            lambda: "During the %s, the two sides reviewed the outcomes of "
            "their cooperation in %s and discussed measures to deepen "
            "collaboration in %s." % (kind, topic, topic2),
            lambda: "%s thanked the %s side for its support and asked it to "
            "provide %s to the %s Ministry of National Defence." % (
                ha, pb, item, pa),
            lambda: "In response, %s pledged that %s would provide %s and "
            "continue to support %s in %s." % (
                hb, lex.the_name(b), item, lex.the_name(a), topic),
            lambda: "The two officials agreed to strengthen delegation "
            "exchanges, consultations and cooperation in %s within the "
            "framework of %s." % (topic, full_fm),
            lambda: "%s highly appreciated the role of %s as a member of %s "
            "and congratulated it on its successful chairmanship year %d." % (
                ha, lex.the_name(b), full_fm, self.year - rng.randrange(0, 3)),
            lambda: "According to %s, the %s was an opportunity for %s and "
            "%s to exchange views on regional and international issues of "
            "mutual concern, including %s." % (
                self.intro(self.official(), True), kind, lex.the_name(a),
                lex.the_name(b), topic),
            lambda: "On this occasion, %s briefed delegates on the "
            "preparations for %s, which is scheduled to take place in %s "
            "%s." % (ha, self.event(a, b)[1], self.place(), self.when()),
            lambda: "Both sides signed a memorandum of understanding on "
            "cooperation in %s and agreed to set up a joint working group "
            "to implement it." % topic,
            lambda: "%s affirmed that %s always attaches importance to its "
            "comprehensive strategic partnership with %s and wishes to "
            "further promote practical cooperation in %s." % (
                cap(host.pronoun), lex.the_name(a), lex.the_name(b), topic2),
            lambda: "Delegates from %s also took part in the %s, which "
            "focused on %s." % (self.countries_list(), kind, topic),
            lambda: "%s emphasised the need to maintain peace, stability "
            "and freedom of navigation and overflight in the region and to "
            "settle disputes by peaceful means in line with international "
            "law." % hb,
            lambda: "The participants shared their experience in %s and "
            "proposed that %s hold a follow-up meeting in %s next year." % (
                topic, short_fm, self.place()),
            lambda: "Earlier, %s received %s, who led the %s delegation to "
            "%s." % (self.intro(self.official(a), True),
                     self.intro(self.official(b), True), pb, self.place(a)),
            lambda: "%s, %s noted, has sent more than %d officers to UN "
            "peacekeeping missions in South Sudan and the Central African "
            "Republic since %d." % (
                cap(lex.the_name(a)), hb, rng.randrange(2, 90) * 10,
                rng.randrange(2010, 2019)),
            lambda: "At the %s, %s requested %s to help with %s, while "
            "the %s delegation offered %s." % (
                kind, lex.the_name(a), lex.the_name(b), topic, pb, item),
            lambda: "The %s recalled that %s and %s established their "
            "defence cooperation mechanism in %d and have since held "
            "%s rounds of talks." % (
                rng.choice(["two ministers", "two generals", "delegations"]),
                lex.the_name(a), lex.the_name(b), rng.randrange(1995, 2019),
                rng.choice(ORD_WORDS[2:])),
            lambda: "Within the framework of %s, %s and %s will co-chair the "
            "Experts' Working Group on %s for the %d-%d cycle." % (
                full_fm, lex.the_name(a), lex.the_name(b), topic, self.year,
                self.year + 3),
            lambda: "The %s took place amid the complicated developments "
            "of %s, %s said." % (kind, topic, ha),
            lambda: "%s also invited %s to attend %s in %s." % (
                ha, hb, self.event(a, b)[1], self.when().replace("on ", "")),
        ]
        k = rng.randrange(len(choices))
        while k in self.used and len(self.used) < len(choices):
            k = rng.randrange(len(choices))
        self.used.add(k)
        return choices[k]()

    def article(self):
        rng, lex = self.rng, self.lex
        a = lex.country(rng)
        b = lex.country(rng)
        while b == a:
            b = lex.country(rng)
        host = self.official(a)
        guest = self.official(b)
        ev = self.event(a, b)
        sents = [self.lead(a, b, host, guest, ev)]
        for _ in range(rng.randrange(3, 9)):
            sents.append(self.body(a, b, host, guest, ev))
        if rng.random() < 0.5:
            sents.append("The %s ended %s." % (ev[0], rng.choice([
                "successfully", "with a joint statement",
                "with the adoption of a work plan for %d" % (self.year + 1)])))
        # paragraphs of 1-3 sentences, or one block
        if rng.random() < 0.15:
            paras = [" ".join(sents)]
        else:
            paras, i = [], 0
            while i < len(sents):
                n = rng.choice((1, 1, 2, 2, 3))
                paras.append(" ".join(sents[i:i + n]))
                i += n
        lead = ""
        if rng.random() < 0.3:
            city = self.pick(CITIES.get(a, ["Hanoi"]))
            lead = rng.choice(["%s (VNA) – " % city, "%s — " % city.upper()])
        text = lead + "\n\n".join(paras)
        r = rng.random()
        if r < 0.6:
            text += "\n\nTranslated by " + self.pick(TRANSLATORS)
        elif r < 0.7:
            text += " — VNS"
        if self.date:
            y, m, d = self.date
            sep = " " if rng.random() < 0.6 else "\n"
            text = " date %04d-%02d-%02d%s%s" % (y, m, d, sep, text)
        return text + ("\n" if rng.random() < 0.5 else "")


class Pool:
    """Officials of each country, made on demand.  Article i draws from the
    first 25 + i/50 officials of a country, the lower numbers much more
    often, so a few officials recur in many articles."""

    def __init__(self, lex, seed):
        self.lex, self.seed, self.cache, self.size = lex, seed, {}, 25

    def get(self, rng, iso3):
        k = int(self.size * rng.random() ** 2.5)
        o = self.cache.get((iso3, k))
        if o is None:
            o = self.cache[(iso3, k)] = make_official(self.lex, self.seed,
                                                      iso3, k)
        return o


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("count", type=int, help="number of articles")
    ap.add_argument("outdir")
    ap.add_argument("--seed", default="42")
    ap.add_argument("--data", default=DEFAULT_DATA,
                    help="lexicon directory (default extract/data)")
    ap.add_argument("--force", action="store_true",
                    help="write even when OUTDIR holds this very corpus")
    args = ap.parse_args()
    if args.count < 1:
        ap.error("count must be positive")
    stamp = "gen-corpus v%s seed=%s count=%d" % (GENERATOR_VERSION, args.seed,
                                                 args.count)
    stamp_path = os.path.join(args.outdir, ".stamp")
    try:
        with open(stamp_path, encoding="utf-8") as fp:
            if fp.read().strip() == stamp and not args.force:
                sys.stderr.write("gen-corpus: %s is up to date\n" %
                                 args.outdir)
                return 0
    except OSError:
        pass
    os.makedirs(args.outdir, exist_ok=True)
    for f in os.listdir(args.outdir):
        if f.endswith(".txt") or f == ".stamp":
            os.unlink(os.path.join(args.outdir, f))
    lex = Lexicon(args.data)
    pool = Pool(lex, args.seed)
    total = 0
    for i in range(args.count):
        rng = random.Random("%s:article:%d" % (args.seed, i))
        pool.size = 25 + i // 50
        date = None
        if rng.random() < 0.75:
            date = (rng.randrange(2015, 2025), rng.randrange(1, 13),
                    rng.randrange(1, 29))
        text = Writer(lex, pool, rng, date).article()
        key = hashlib.sha1(("%s:%d" % (args.seed, i)).encode()).hexdigest()
        path = os.path.join(args.outdir, "%06d_%s.txt" % (i, key[:16]))
        data = text.encode("utf-8")
        with open(path, "wb") as fp:
            fp.write(data)
        total += len(data)
    with open(stamp_path, "w", encoding="utf-8") as fp:
        fp.write(stamp + "\n")
    sys.stderr.write("gen-corpus: wrote %d articles, %.1f MB, to %s\n" %
                     (args.count, total / 1e6, args.outdir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
