"""Builds the PERSON detector's gazetteer in src/mailwarden/detectors/names/data/.

Sources: Faker's person providers (MIT) for the communities UK councils serve, read from the
installed `faker` package, plus the short lists in `SUPPLEMENT` below, written for mailwarden
where Faker has no Latin-script list (Welsh, Somali, British South Asian, Cantonese, Arabic,
Kurdish and Afghan, Eritrean and Ethiopian names). Faker's word, colour, street, county, place
and job lists mark names that are also everyday words or places as *ambiguous*: they stay in
the gazetteer but count only with other evidence.

Output (UTF-8, sorted, one entry a line; deterministic for a given Faker version):
  forenames.tsv   name TAB community codes (comma-separated): the list to read and review
  surnames.tsv    name TAB community codes
  forenames.txt   the detector's look-up keys: each name in lower case, and without its
  surnames.txt    diacritics too ("zielińska", "zielinska") unless that is an everyday word
  ambiguous.tsv   lower-cased name TAB why it is ambiguous
  words.tsv       lower-cased everyday word or place that is no name TAB its list

Run: .venv/bin/python scripts/build_name_gazetteer.py  (pip install "faker==40.54.0" first to
reproduce the committed files byte for byte; another version gives other lists).
"""

from __future__ import annotations

import importlib
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import faker

OUT = Path(__file__).resolve().parent.parent / "src/mailwarden/detectors/names/data"
FAKER_VERSION = "40.54.0"

# community code -> Faker person locales (those absent from the installed Faker are skipped)
LOCALES: dict[str, tuple[str, ...]] = {
    "en": ("en_GB", "en_US", "en", "en_IE", "ga_IE"),
    "pl": ("pl_PL",),
    "lt": ("lt_LT",),
    "lv": ("lv_LV",),
    "ro": ("ro_RO",),
    "pt": ("pt_PT", "pt_BR"),
    "it": ("it_IT",),
    "fr": ("fr_FR",),
    "de": ("de_DE",),
    "es": ("es_ES",),
    "ce": ("cs_CZ", "sk_SK", "hu_HU"),
    "tr": ("tr_TR",),
    "ua": ("uk_UA",),  # Cyrillic, romanised below with the Ukrainian passport system
    "sa": ("en_IN", "en_PK"),
    "wa": ("yo_NG", "ig_NG", "en_NG", "ha_NG", "tw_GH"),
    "ea": ("sw", "en_KE"),
    "zh": ("zh_CN", "zh_TW"),  # romanised lists only (pinyin, Wade-Giles)
    "vi": ("vi_VN",),
    "ja": ("ja_JP",),  # romanised lists only
}

FORENAME_ATTRS = (
    "first_names",
    "first_names_male",
    "first_names_female",
    "first_names_nonbinary",
    "first_names_unisex",
    "middle_names",
    "first_romanized_names",
    "first_romanized_names_male",
    "first_romanized_names_female",
)
SURNAME_ATTRS = (
    "last_names",
    "last_names_male",
    "last_names_female",
    "last_names_nonbinary",
    "unisex_last_names",
    "male_last_names",
    "last_romanized_names",
)
ROMANISED_ONLY = {"zh_CN", "zh_TW", "ja_JP"}
NOISY = {"en"}
"""Faker's `en` forenames are every name given to a few US babies a year ("Council", "Jones"):
one is kept only when it is no everyday word and, if it is also a surname, another list has it
as a forename too."""

# Names Faker has no Latin-script list for. Common names, facts rather than a work; written for
# mailwarden (GPL-3.0-or-later like the code). F: forenames, S: surnames.
SUPPLEMENT: dict[str, dict[str, str]] = {
    "en": {  # everyday short forms, recent popular names (ONS), Irish spellings with the fada
        "F": """Aimée Alfie Archie Áine Aoibheann Aisling Ava Bríd Caoimhe Cathal Cillian Ciarán
        Clodagh Colm Cormac Darragh Dearbhla Diarmuid Donncha Éabha Éamonn Eoin Elsie Fiachra
        Finley Fionnuala Gráinne Isla Jayden Jen Jess Kayden Lily Lorcan Máire Matt Méabh Niall
        Oisín Orlaith Pádraig Pat Pete Poppy Reggie Rob Róisín Ruairí Saoirse Séamus Seán Sienna
        Sinéad Sorcha Tadhg Tamsin Úna Will Willow""",
        "S": """MacDonald MacGregor MacIntyre MacKay MacKenzie MacLean MacLeod MacMillan MacNeil
        MacPherson MacRae McAllister McBride McCallum McCann McCarthy McCormack McGuire McIntosh
        McIntyre McKay McKenzie McLaughlin McLean McManus McMillan McNally McNeil McPherson
        McRae""",
    },
    "sc": {  # Scottish and Gaelic names
        "F": """Ailsa Alasdair Alistair Angus Catriona Eilidh Euan Ewan Finlay Fiona Fraser
        Gregor Hamish Iain Innes Iona Kirsty Lachlan Mhairi Morag Morven Murdo Ruaridh Seonaid
        Shona Struan Torquil""",
        "S": """Buchanan Cameron Campbell Drummond Ferguson Fraser Gordon Grant Henderson Kerr
        Mackay Mackenzie Mackintosh Maclean Macleod Munro Murray Ross Sinclair Sutherland""",
    },
    "pl": {  # Polish names beyond Faker's 153 forenames
        "F": """Agnieszka Aleksandra Andrzej Ania Asia Bartek Bartosz Basia Beata Bożena Dariusz
        Danuta Dawid Dorota Elżbieta Ewelina Gosia Grażyna Grzegorz Halina Iwona Jacek Jadwiga
        Janusz Jarosław Joanna Justyna Kamil Karolina Kasia Katarzyna Kinga Krystyna Krzysztof
        Kuba Łukasz Magdalena Małgorzata Marcin Marek Mariusz Marta Michał Mirosław Monika Ola
        Oliwia Paulina Paweł Piotr Przemysław Radosław Rafał Renata Ryszard Sławomir Stanisław
        Sylwia Tomek Weronika Wiesława Wiktoria Wojciech Zbigniew Zuzanna""",
        "S": """Adamczyk Baran Bąk Cieślak Dudek Kaczmarek Kaźmierczak Kołodziej Krawczyk Król
        Kubiak Lis Marciniak Mazur Mazurek Michalak Nowak Pawlak Pietrzak Sikora Sobczak Szewczyk
        Szulc Szymczak Walczak Wieczorek Wilk Włodarczyk Wójcik Woźniak Wróbel Zając""",
    },
    "wf": {  # Francophone West African (Senegal, Mali, Guinea, Côte d'Ivoire)
        "F": """Abdoulaye Adama Aïssatou Aminata Awa Boubacar Cheikh Fatoumata Ibrahima Kadiatou
        Lamine Mamadou Mariama Modou Moussa Oumou Ousmane Seydou Souleymane""",
        "S": """Ba Bah Barry Camara Cissé Coulibaly Diabaté Diakité Diallo Diarra Dieng Diop Faye
        Fofana Gueye Kane Keita Konaté Koné Kouyaté Mbaye N'Diaye Ndiaye Niang Sall Sangaré Sarr
        Seck Sidibé Sow Sylla Thiam Touré Traoré""",
    },
    "cy": {  # Welsh (Faker has no cy_GB)
        "F": """Aled Alun Alys Aneurin Angharad Anwen Arwel Awen Berwyn Bethan Bleddyn Bryn
        Brynmor Cadi Cai Caradog Carys Catrin Ceri Cerys Cledwyn Dafydd Dai Deiniol Delyth Dewi
        Dilys Efa Eifion Eira Eirian Eleri Elin Elis Eluned Emlyn Emrys Emyr Eurig Ffion Geraint
        Gethin Glenys Glyn Gruffudd Gruffydd Guto Gwen Gwenda Gwenllian Gwilym Gwyn Gwyneth Hefin
        Heledd Huw Hywel Idris Ieuan Ifan Iolo Iwan Llinos Llŷr Lowri Mabli Macsen Manon Mared
        Meinir Meleri Menna Meredydd Mererid Myfanwy Nerys Nest Nia Osian Owain Rhian Rhiannon
        Rhodri Rhun Rhys Seren Siân Sioned Steffan Sulwen Tegan Tomos Trystan Tudur Wyn Ynyr""",
        "S": """Bevan Bowen Cadwaladr Gruffudd Gwynne Harries Howells Humphreys Jenkin Jenkins
        Llewellyn Llywelyn Lloyd Madoc Meredith Parry Powell Price Pritchard Probert Prosser
        Prydderch Pugh Rees Rowlands Tudor Vaughan Watkins Wynne""",
    },
    "sa": {  # British Pakistani, Bangladeshi, Indian and Sri Lankan names in Latin script
        "F": """Abdul Abdullah Abu Abul Adnan Ahmed Aisha Ajay Amina Amir Amrit Anand Anil Anjali
        Anwar Arif Arjun Ashok Ashraf Asif Asma Ataur Ayesha Baljit Balwinder Bhavesh Bhavna Bilal
        Deepa Deepak Dharmesh Dinesh Divya Faisal Farhan Farhana Faruk Fatema Fatima Geeta Gurdeep
        Gurpreet Habiba Habibur Hafsa Halima Hamza Harjit Harpreet Hasan Hassan Hetal Hitesh
        Ibrahim Imran Inderjit Irfan Ismail Jamal Jaspal Jasvir Jaswinder Jayesh Junaid Kajan
        Kalpesh Kamala Kamran Kavitha Khadija Khalid Kuldip Kulwinder Kumaran Lakshmi Lutfur
        Mahesh Mahmud Mamun Manjit Manpreet Maryam Mathura Meena Mizanur Mohamed Mohammad
        Mohammed Muhammad Mujibur Mukesh Murali Mustafa Nadeem Nasima Nasreen Naveed Navdeep
        Nazia Neha Nilesh Nirmala Nirosha Nisha Noor Nusrat Omar Paramjit Paresh Parminder Parveen
        Pooja Priya Pritpal Rafiq Rahim Rajesh Rajinder Rakesh Ramesh Rashid Rekha Rizwan Rokeya
        Rubel Rubina Rukhsana Rumana Rupesh Sadia Saiful Saima Samina Sana Sanjay Saravanan
        Senthil Shabana Shafiq Shahid Shakil Shamim Shamima Shazia Shirin Shohel Sivanesan Sohail
        Sukhdev Sukhwinder Sultana Sumaiya Sumon Sunil Sunita Surinder Suresh Tahmina Tariq
        Taslima Tharani Tharshan Thusyanthan Umar Usman Vasanthi Vijay Vikram Waqar Waseem Yasir
        Yasmeen Yasmin Yusuf Zahid Zainab Zara Ziaur Zubair""",
        "S": """Ahmad Ahmed Akhtar Alam Ali Anwar Arshad Aslam Atwal Aziz Bains Balasubramaniam
        Basra Bassi Begum Bhatt Bhuiyan Bibi Butt Chaudhary Chaudhry Chauhan Chohan Choudhury
        Chowdhury Desai Dhillon Fernando Gill Grewal Haque Hoque Hossain Hussain Hussein Iqbal
        Islam Iyer Javed Jayasuriya Johal Joshi Kabir Kandiah Karim Kaur Khan Khatun Kotecha
        Krishnan Kumar Mahmood Mahmud Majumder Malik Mehta Menon Miah Mirza Mistry Mohammad
        Mohammed Mughal Muhammad Murugan Naidu Nair Natarajan Nawaz Pandya Parmar Patel Perera
        Pillai Qureshi Rahman Rai Rajan Rao Rashid Raza Reddy Rehman Riaz Sadiq Saeed Sahota
        Sandhu Sarkar Selvarajah Shah Sharma Sheikh Siddiqui Sidhu Singh Sivakumar Solanki
        Subramaniam Sultana Syed Talukdar Thakkar Thurairajah Uddin Ullah Virdee Wickramasinghe
        Yogarajah Yousaf Yusuf Zaman""",
    },
    "so": {  # Somali (Faker has no so_SO)
        "F": """Abdi Abdiaziz Abdikarim Abdirahman Abdirizak Abdullahi Abshir Anab Asad Ayaan
        Ayan Bashir Dahir Deeqa Faduma Farah Fardowsa Filsan Guled Hamdi Hamse Hani Hawa Hibo
        Hodan Ifrah Ilhan Jama Khadar Khalif Liban Mahad Maryan Mohamud Muna Mustafe Nasra Nimco
        Osman Qamar Sagal Sahra Samira Shukri Sucaad Ubah Warsame Zamzam""",
        "S": """Abdi Abdullahi Adan Aden Awale Bihi Dirie Diriye Duale Dualeh Egal Elmi Farah
        Gedi Guled Hassan Hersi Hirsi Isse Jama Jibril Mire Mohamed Mohamoud Mohamud Noor Nur
        Omar Osman Qasim Roble Said Samatar Shire Warsame""",
    },
    "ar": {  # Arabic, Kurdish, Persian and Afghan names in common English spellings
        "F": """Ahmad Amal Amir Aya Azadeh Bahar Dalia Dana Dilan Farid Fatemeh Fawad Ghada
        Habib Hadi Hamed Hamid Hawre Hemin Hiba Huda Iman Jamil Javad Kawa Karim Khalil Layla
        Leila Lina Mahmoud Majid Mansour Mariam Masoud Mehdi Mina Mostafa Nabil Nadia Navid
        Niloufar Nour Omid Parisa Rana Rania Rasha Rawan Rebin Reem Reza Rezan Roya Saeed Salma
        Sami Samir Shilan Shiva Soran Soraya Walid Yasin Zahra Zaki Zana Zeinab""",
        "S": """Abbas Abdullah Ahmadi Ahmadzai Alizadeh Amini Assad Azizi Barzani Habibi Haddad
        Hakimi Hamid Hashemi Hosseini Jaber Karimi Khalil Khoury Mahmoud Mansour Mohammadi
        Mustafa Najjar Nasser Noori Popal Qaderi Rahimi Rasuli Rezaei Sadat Safi Saleh Salem
        Sharifi Stanikzai Sultani Taha Wardak Yousef Zaidi""",
    },
    "et": {  # Eritrean and Ethiopian (Tigrinya, Amharic) names
        "F": """Abebe Alemu Aman Berhane Biniam Dawit Ermias Eyob Feven Filmon Fitsum Habtom
        Haile Hiwet Kibrom Luwam Mebrahtu Medhanie Mehret Merhawi Mussie Natnael Rahel Saba
        Selam Selamawit Semere Senait Tesfay Tesfaye Tsega Winta Yohannes Yonas Yordanos""",
        "S": """Abebe Alemu Assefa Bekele Berhane Desta Gebre Gebremedhin Ghebre Girma Hagos
        Haile Kahsay Kidane Mengistu Tadesse Tekle Tesfamariam Tesfay Tewelde Woldemariam""",
    },
    "zh": {  # Cantonese (Hong Kong, Malaysian Chinese) and more pinyin given names
        "F": """Bin Bo Chao Cheng Chi Chun Dan Fai Fang Feng Gang Guoqiang Haoran Hing Hoi Hong
        Hua Hui Jia Jiahui Jian Jianguo Jianhua Jie Jing Jun Junjie Ka Kai Kin Kit Kwok Lan Lei
        Li Lili Limei Lihua Ling Lok Lu Mei Min Ming Na Peng Ping Qiang Qing Rui Shing Shuang Siu
        Siyu Sze Tao Tsz Wai Wei Wenjing Wenjun Wing Xiaohong Xiaoli Xiaoming Xiaoyan Xin Xinyi
        Xiu Xiuying Xue Yan Yanling Yee Yi Yichen Ying Yong Yu Yuk Yun Yuting Yuxuan Zhen Zhi
        Zhiqiang Zhiwei Zihan Zixuan""",
        "S": """Au Chan Chau Cheung Cheng Choi Chow Chu Chung Fong Fung Ho Hui Ip Kong Ko Kwan
        Kwok Lai Lam Lau Law Lee Leung Li Lo Lui Ma Mak Man Mok Ng Poon Siu Tam Tang Tong Tsang
        Tse Tsui Wong Wu Yau Yeung Yip Yu Yuen""",
    },
    "vi": {  # Vietnamese family names beyond Faker's ten
        "F": "",
        "S": """Bùi Dương Đặng Đỗ Hồ Hoàng Huỳnh Lý Ngô Nguyễn Phạm Phan Trần Trương Võ Vũ""",
    },
}

# Everyday English words that are also names (beyond Faker's word lists): virtues, flowers,
# gems, seasons, titles of things. Lower case.
ENGLISH_WORDS = """
able ace aim alert amber angel apple april art ash aster august autumn baby baker bank banks
bay beach bean bear bell belle berry best bill bird bishop black blaze bliss bloom blossom
blue bond bone boon bow box boy brand brave bright brook brooks brown buck bud bunny burn
bush butcher butler cake can candy cane cap card carol case cash castle chance chapel charity
chase cherry chip church clay cliff cloud coal coke cook cool cope coral corn cotton court
cross crown crystal cure dale dart dash daw dawn day dean dear deer dell diamond dick dime
dock dole don dot dove down drake duke dune dusty earl east ebony echo eve ever fair faith
fall fame fan far fate fawn fay fern field finch fish fisher fletcher flint ford forest fort
fox frank free frost fuller gale garden gay gem general gentle ginger glad glass glen gold
golden good goodman grace grant gray green grey grove guy hale hall ham hand happy hardy harp
hart hay hazel head heart heath heather hedge herb hill holly honey hope house hunt hunter
hurst iris island ivory ivy jack jade jay jet jewel jolly joy just justice kay keen key kind
king kite knight lace lake lamb lance land lane lark laurel law lawn lea leaf legend
lemon liberty light lily lime link lion little lock lodge long lord love lucky mace major
major man march mark marsh mason master may mayor meadow merry mill miller mint mist moon
moor moss mountain music nest new newman noble north oak ocean olive onyx orange page palm
park parker patience peace pearl penny pepper person pier pine piper plum poet pond pope
porter post pound power pride prince prosper pure queen rain rainbow raven ray read red reed
rich ridge river robin rock rose rowan royal ruby rush rust sage sailor salt sandy savage
sea season shadow sharp shaw shepherd shine silver sky slater small smart snow sparrow
spring squire star steel stone storm strong summer sun sunny swan sweet tailor temple thorn
tiger tower trim true turner unity usher valentine vale verity wade walker ward warren
waters way weaver well wells west white wild will willow wind winter wise wolf wood woods
wren young
"""
# Place names seen in UK mail that are also names (beyond Faker's counties and places).
PLACES = """
abbey ashford aylesbury barnet barnsley bath bedford belfast blackburn bolton boston bradford
brent brighton bristol buxton cambridge camden canterbury cardiff carlisle chelsea chester
chesterfield clifton colchester coventry crawley darlington derby dover dudley durham ealing
eden enfield exeter glasgow gloucester hamilton harlow harrow hastings hereford hove hull
india ipswich ireland israel jersey jordan kendal kensington kent kenya kingston lancaster
leeds leicester lewes lincoln london luton maidstone malta manchester mansfield newport norfolk
northampton norwich nottingham oakley oldham oxford paris penrith perth preston reading rome
richmond ripon rochdale rugby salford salisbury sheffield shelby shirley skipton southall
stafford stockport stoke suffolk sunderland sutton swindon sydney telford trent truro venice
victoria wakefield walsall warwick watford wells whitby wigan winchester windsor worcester
york
"""
STREETS = """
approach avenue close crescent drive gardens gate grove lane mews parade place quay rise road
row square street terrace view walk way wharf yard
"""
MONTHS_DAYS = """
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
"""
# Names too common as names to be held back by a word list that happens to contain them.
NEVER_AMBIGUOUS = frozenset(
    re.findall(
        r"\S+",
        """
        charlotte florence adelaide alexandria austin elizabeth georgia jackson madison regina
        sofia savannah santiago eugene john james
        """,
    )
)

_FOLD = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ı": "i"})


def fold(name: str) -> str:
    """The name without diacritics ("Zielińska" -> "Zielinska", "Nguyễn" -> "Nguyen")."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Ukrainian national romanisation (Cabinet of Ministers resolution 55, 2010): passports use it.
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_UK = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "’": "",
}  # fmt: skip


def romanise_ukrainian(name: str) -> str:
    out = []
    for i, char in enumerate(name.lower().replace("зг", "zgh")):
        at_start = i == 0 or not name[i - 1].isalpha()
        out.append(_UK_INITIAL[char] if at_start and char in _UK_INITIAL else _UK.get(char, char))
    return "-".join(part.capitalize() for part in "".join(out).split("-"))


def title_case(name: str) -> str:
    """Upper-case Wade-Giles ("CHIA-HAO") as written in English ("Chia-Hao")."""
    return "-".join(p.capitalize() for p in name.split("-")) if name.isupper() else name


def faker_names(locale: str, attrs: Iterable[str]) -> set[str]:
    try:
        module = importlib.import_module(f"faker.providers.person.{locale}")
    except ModuleNotFoundError:
        return set()
    provider = module.Provider
    names: set[str] = set()
    for attr in attrs:
        if locale in ROMANISED_ONLY and "romanized" not in attr:
            continue
        value = getattr(provider, attr, None)
        if isinstance(value, dict | list | tuple):
            names.update(n for n in value if isinstance(n, str))
    return names


def faker_names_except(noisy: str, attrs: Iterable[str]) -> set[str]:
    """Forenames from every other locale, to vouch for a noisy list's entries."""
    return {
        n for ls in LOCALES.values() for loc in ls if loc != noisy for n in faker_names(loc, attrs)
    }


def derived_surnames(community: str, names: set[str]) -> set[str]:
    """Feminine forms Faker leaves to code: Polish -ska, Lithuanian -ienė / -aitė."""
    out = set()
    for name in names:
        if community == "pl":
            for male, female in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
                if name.endswith(male):
                    out.add(name[: -len(male)] + female)
        elif community == "lt":
            for male, wife, daughter in (("as", "ienė", "aitė"), ("is", "ienė", "ytė")):
                if name.endswith(male):
                    out.update({name[: -len(male)] + wife, name[: -len(male)] + daughter})
            if name.endswith("ys"):
                out.update({name[:-2] + "ienė", name[:-2] + "ytė"})
            if name.endswith("us"):
                out.update({name[:-2] + "ienė", name[:-2] + "ūtė"})
    return out


_NAME = re.compile(r"^[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*$")
_LATIN = re.compile(r"^[\u0000-\u024f\u1e00-\u1eff'’-]+$")
_PARTICLES = frozenset(
    re.findall(
        r"\S+",
        "a al am an ap bin binti da de del della der di do dos du el ibn la le mac mc ní nic "
        "o ó t ten ter uí van von y",
    )
)


def clean(raw: str) -> list[str]:
    """Name tokens from one list entry: particles dropped ("A tSithigh"), odd entries refused."""
    raw = unicodedata.normalize("NFC", raw.strip().replace("’", "'"))
    out = []
    for part in raw.split():
        if part.lower() in _PARTICLES or len(part) < 2:
            continue
        name = part[0].upper() + part[1:] if part[0].islower() else part
        if _NAME.match(name) and _LATIN.match(name):
            out.append(name)
    return out


def lexicon() -> dict[str, str]:
    """Lower-cased everyday words and places -> the list that holds them."""
    from faker.providers.address.en import Provider as Countries
    from faker.providers.address.en_GB import Provider as AddressGB
    from faker.providers.address.en_US import Provider as AddressUS
    from faker.providers.color.en_US import Provider as Colours
    from faker.providers.geo import Provider as Geo
    from faker.providers.job.en_US import Provider as Jobs
    from faker.providers.lorem.en_US import Provider as Lorem

    words: dict[str, str] = {}

    def add(items: Iterable[str], why: str) -> None:
        for item in items:
            for word in re.findall(r"[A-Z]?[a-z]+", item):
                words.setdefault(word.lower(), why)

    from mailwarden.detectors.names.person import ORGANISATION_WORDS

    add(MONTHS_DAYS.split(), "month or day")
    add(sorted(ORGANISATION_WORDS), "organisation word")
    add(Lorem.word_list, "English word")
    for part in Lorem.parts_of_speech.values():
        add(part, "English word")
    add(ENGLISH_WORDS.split(), "English word")
    add((c for c in Colours.all_colors if re.fullmatch("[A-Z][a-z]+", c)), "colour")
    for suffix in (*AddressUS.street_suffixes, *AddressGB.street_suffixes, *STREETS.split()):
        words[suffix.lower()] = "street word"
    add(Jobs.jobs, "job title word")
    for place in (
        list(PLACES.split())
        + list(AddressGB.counties)
        + list(AddressUS.states)
        + list(Countries.countries)
        + [c[2] for c in Geo.land_coords if c[3] == "GB"]
    ):
        if " " not in place and "-" not in place:
            words.setdefault(place.lower(), "place")
    return words


def main() -> int:
    if faker.VERSION != FAKER_VERSION:
        print(f"note: Faker {faker.VERSION}, the committed files come from {FAKER_VERSION}")
    forenames: dict[str, set[str]] = defaultdict(set)
    surnames: dict[str, set[str]] = defaultdict(set)
    noisy_forenames: set[str] = set()
    for community, locales in LOCALES.items():
        for locale in locales:
            first = faker_names(locale, FORENAME_ATTRS)
            if locale in NOISY:
                noisy_forenames.update(first - faker_names_except(locale, FORENAME_ATTRS))
            last = faker_names(locale, SURNAME_ATTRS)
            if community == "ua":
                first = {romanise_ukrainian(n) for n in first}
                last = {romanise_ukrainian(n) for n in last}
            last |= derived_surnames(community, last)
            for raw in first:
                for name in clean(title_case(raw)):
                    forenames[name].add(community)
            for raw in last:
                for name in clean(title_case(raw)):
                    surnames[name].add(community)
    words = lexicon()
    from mailwarden.detectors.names.person import ORGANISATION_WORDS, SAINTS

    for table in (forenames, surnames):  # "Forum", "Santa": read as a place, never as a name
        for name in [n for n in table if n.lower() in ORGANISATION_WORDS | SAINTS]:
            del table[name]
    for name, codes in list(forenames.items()):
        if codes != {"en"} or not noisy_forenames & {name}:
            continue
        if name.lower() in words or fold(name.lower()) in words or name in surnames:
            del forenames[name]
    for community, lists in SUPPLEMENT.items():
        for name in lists["F"].split():
            forenames[unicodedata.normalize("NFC", name)].add(community)
        for name in lists["S"].split():
            surnames[unicodedata.normalize("NFC", name)].add(community)

    ambiguous: dict[str, str] = {}
    for name in sorted(set(forenames) | set(surnames)):
        key = name.lower()
        if key in NEVER_AMBIGUOUS:
            continue
        if len(fold(key)) <= 2:
            ambiguous[key] = "two letters"
        elif key in words:
            ambiguous[key] = words[key]
        elif fold(key) in words:
            ambiguous[fold(key)] = words[fold(key)]

    OUT.mkdir(parents=True, exist_ok=True)
    known = {n.lower() for n in set(forenames) | set(surnames)}
    for stem, table in (("forenames", forenames), ("surnames", surnames)):
        lines = [f"{n}\t{','.join(sorted(c))}" for n, c in sorted(table.items(), key=_order)]
        (OUT / f"{stem}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        keys = {n.lower().replace("’", "'") for n in table}
        keys |= {fold(k) for k in keys} - (set(words) - known)
        (OUT / f"{stem}.txt").write_text("\n".join(sorted(keys)) + "\n", encoding="utf-8")
    (OUT / "ambiguous.tsv").write_text(
        "".join(f"{n}\t{why}\n" for n, why in sorted(ambiguous.items())), encoding="utf-8"
    )
    (OUT / "words.tsv").write_text(
        "".join(f"{w}\t{why}\n" for w, why in sorted(words.items()) if w not in known),
        encoding="utf-8",
    )
    for label, table in (("forenames", forenames), ("surnames", surnames)):
        counts: dict[str, int] = defaultdict(int)
        for codes in table.values():
            for code in codes:
                counts[code] += 1
        print(label, len(table), dict(sorted(counts.items())))
    print("ambiguous", len(ambiguous))
    return 0


def _order(item: tuple[str, set[str]]) -> tuple[str, str]:
    return (item[0].casefold(), item[0])


if __name__ == "__main__":
    sys.exit(main())
