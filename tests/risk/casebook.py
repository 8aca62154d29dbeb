"""A second labelled set of parcels, written from public case descriptions.

Why it exists: the default rule pack's recall has so far been measured on a set written by the
same person who wrote the rules, and such a set is fitted to them however carefully it is made.
This one was written by someone else, without reading the rule pack or the risk engine, from
what public sources say about real parcels: CBP newsroom releases on seizures at international
mail facilities and express consignment hubs, DOJ / HSI / USPS OIG case write-ups, and the GAO,
DHS OIG and Senate reports on synthetic opioids in the mail. Each suspicious case cites the
release or report it is modelled on (URL and date) and says in one line what that description
said; where nothing specific was found for a pattern, `source` names the agency's general page
and says so. Details a release does not give (names, streets, exact values, HS codes) are
invented in the spirit of the description: vague words, wrong HS codes, cover items, low
values, personal names at commercial units, one address receiving from several senders.

The ordinary parcels are a plausible day at a facility, including everyday goods whose words
overlap with suspicious ones ("capsule coffee machine pods", "kitchen scale", "die-cast model",
"powder blue scarf", "pressed flowers").

Keep this set out of rule tuning: if a rule is changed to catch a case here, the set stops
measuring anything. Add cases from new public descriptions instead.

`CASES` holds every case. A cluster case (several parcels that only look wrong together, such
as several senders shipping to one address within a day) has several items, in arrival order,
and is meant to be assessed as a whole.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from parcelbench.ids import s10
from tests.conftest import make_item

SUSPICIOUS = "suspicious"
ORDINARY = "ordinary"


@dataclass(frozen=True)
class Case:
    id: str
    label: str
    category: str
    source: str
    note: str
    items: list[dict[str, Any]] = field(default_factory=list)


_SERIAL = itertools.count(52_000_001)
_SERVICE = {"letter": "UA", "parcel": "CP", "ems": "EE", "other": "LX"}


def _p(
    description: str,
    quantity: int,
    kg: float | None,
    value: str | None,
    hs: str | None = None,
    origin: str | None = None,
) -> dict[str, Any]:
    """One content piece (CN 22 / CN 23 line)."""
    piece: dict[str, Any] = {"description": description, "quantity": quantity}
    if kg is not None:
        piece["net_weight_kg"] = kg
    if value is not None:
        piece["value"] = value
    if hs is not None:
        piece["hs_code"] = hs
    if origin is not None:
        piece["origin_country"] = origin
    return piece


def _aed(
    sender: dict[str, str],
    addressee: dict[str, str],
    pieces: list[dict[str, Any]],
    *,
    sent_at: str,
    mail_class: str = "parcel",
    category: str = "sale_of_goods",
    currency: str = "USD",
    gross: float | None = None,
    service: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """An item in the interchange shape, with a valid S10 issued by the sender's post."""
    item_id = s10.make(service or _SERVICE[mail_class], f"{next(_SERIAL):08d}", sender["country"])
    contents = []
    for piece in pieces:
        piece = dict(piece)
        if "value" in piece:
            piece["currency"] = currency
        piece.setdefault("origin_country", sender["country"])
        contents.append(piece)
    values = [Decimal(p["value"]) for p in contents if "value" in p]
    weights = [p["net_weight_kg"] for p in contents if "net_weight_kg" in p]
    if gross is None and weights:
        gross = round(sum(weights) * 1.1 + 0.05, 3)
    fields: dict[str, Any] = {
        "item_id": item_id,
        "sent_at": sent_at,
        "mail_class": mail_class,
        "category": category,
        "gross_weight_kg": gross,
        "total_value": f"{sum(values):.2f}" if values else None,
        "currency": currency if values else None,
        "postal_charges": None,
        "invoice_no": None,
        "licence_nos": [],
        "sender": dict(sender),
        "addressee": dict(addressee),
        "contents": contents,
    }
    fields.update(extra)
    return make_item(**fields)


def _t(day: int, hh: int, mm: int = 0) -> str:
    """A UTC timestamp on a November 2026 day; minutes past 59 roll over into hours."""
    hh, mm = hh + mm // 60, mm % 60
    return f"2026-11-{day:02d}T{hh:02d}:{mm:02d}:00+00:00"


def _party(name: str, street: str, city: str, country: str, **more: str) -> dict[str, str]:
    return {"name": name, "street": street, "city": city, "country": country, **more}


def _us(
    name: str, street: str, city: str, state: str, postcode: str, **more: str
) -> dict[str, str]:
    return {
        "name": name,
        "street": street,
        "city": city,
        "state": state,
        "postcode": postcode,
        "country": "US",
        **more,
    }


# --- sources actually found (URL, date as the stored copy gives it) ---------------------------

CBP_DETROIT_FENT = (
    "https://cbp.gov/newsroom/local-media-release/cbp-field-ops-nets-nearly-6-pounds-fentanyl-detroit"
    " (CBP, seizure of June 2; release cites 2023 CDC data)"
)
KAIT8_MEMPHIS_WOOD = (
    "https://www.kait8.com/2021/09/07/285-kilos-fentanyl-seized-by-customs-border-protection-memphis/"
    " (reporting a CBP Memphis release, 2021-09-07)"
)
CBS_LOUISVILLE_ACRYL = (
    "https://chicago.cbslocal.com/2020/07/17/louisville-officers-seize-shipment-of-dangerous-opioid-"
    "heading-to-chicago/ (CBP Louisville seizure of 2020-07-10, reported 2020-07-17)"
)
CINCY_83_SHIPMENTS = (
    "https://homelandprepnews.com/stories/21792-cincinnati-border-patrol-agents-seize-nearly-300-"
    "pounds-illicit-narcotics-throughout-march (CBP Cincinnati, March "
    "seizures; year not shown in the"
    " stored copy)"
)
PSI_2018 = (
    "Senate PSI report 'Combatting the Opioid Crisis: Exploiting Vulnerabilities in International"
    " Mail', 2018-01-24, as reported at https://abcnews.go.com/US/drug-sellers-exploit-postal-"
    "service-ship-fentanyl-us/story?id=52588122 and https://www.cleveland.com/nation/2018/01/"
    "powerful_opioids_are_easily_so.html"
)
PORTMAN_CARFENTANIL = (
    "https://mailomg.com/2017/03/20/opiates-delivered-by-mail-from-china-on-rise/ (2017-03-20,"
    " Sen. Portman: carfentanil arrives by U.S. mail, usually from China)"
)
PHILLY_IRON_OXIDE = (
    "https://safemedicines.org/2018/09/110-pounds-of-fentanyl-seized-at-port-of-philadelphia.html"
    " (CBP Philadelphia release, 2018-09)"
)
ABF_NITAZENE = (
    "https://www.border-security-report.com/rising-imports-of-potent-drug-nitazene-raises-concern/"
    " (AFP/ABF warning on metonitazene in UK-origin postal packages, October 2023 detections)"
)
DELFT_NITAZENE = (
    "https://novostiniderlandov.com/narkotik-v-100-raz-silnee-geroina-najden-v-delfte"
    " (citing NOS.nl:"
    " protonitazene tablets taken for oxycodone at the Delft mail sorting centre, bound for the US;"
    " date not shown in the stored copy)"
)
PHILLY_XYLAZINE = (
    "https://cbp.gov/newsroom/local-media-release/philadelphia-cbp-officers-bag-three-parcels-"
    "dangerous-xylazine (CBP Philadelphia, September seizures; year not shown in the stored copy)"
)
CHICAGO_XYLAZINE = (
    "https://www.einpresswire.com/article/803973584/18-pounds-of-horse-tranquilizer-seized-by-cbp-"
    "officers-in-chicago (CBP Chicago release, 2025-04-16, seizures of 2025-04-12)"
)
DOJ_PRECURSORS_2023 = (
    "DOJ indictments of China-based chemical companies, 2023-06-23, as reported at"
    " https://kion546.com/news/ap-national-news/2023/06/23/1st-us-charges-against-china-based-"
    "companies-accused-of-selling-fentanyl-chemicals-filed/ and https://thirdhorizonstrategies.com/"
    "tuesday-june-27-2023-opioid-substance-use-disorders/"
)
DOJ_PRECURSORS_2024 = (
    "DOJ indictments of eight China-based chemical companies, October 2024, as headlined at"
    " https://frominsideasia.com/2024/10/page/53 and https://euroipn.org/us-files-charges-against-"
    "chinese-firms-accused-of-trafficking-chemicals-used-to-make-deadly-opioids-san-francisco-chronicle"
)
CHICAGO_BMK = (
    "https://www.hstoday.us/subject-matter-areas/border-security/chicago-cbp-seizes-over-a-ton-of-"
    "drug-making-chemicals/ (CBP Chicago, seizure of 2024-04-11, reported 2024-04-18)"
)
JFK_ARTEMIS = (
    "https://www.cbp.gov/newsroom/local-media-release/cbp-s-operation-artemis-jfk-seize-pill-press-"
    "die-sets-china-0 (CBP, 2023-09-28)"
)
CHICAGO_PRESS = (
    "https://naddi.org/il-drug-producing-devices-intercepted-by-chicago-cbp"
    " (reprint of a CBP Chicago"
    " release, seizures of January 7; year not shown in the stored copy)"
)
DEA_PRESS_GENERAL = (
    "DEA, general description of tableting/encapsulating machines and DEA Form 452 reporting"
    " (21 CFR 1310.05) and CBP pill-press releases generally (no specific release found for this"
    " combination)"
)
CHICAGO_WATCHES_2020 = (
    "https://chicago.cbslocal.com/2020/07/11/more-than-3-1-million-of-counterfeit-watches-seized-at-"
    "ohare/ (CBP Chicago IMF, June 21-July 6 2020, reported 2020-07-11)"
)
CHICAGO_WATCHES_2025 = (
    "https://www.einpresswire.com/article/810043633/1-shipment-243-fake-designer-watches-worth-over-"
    "6-million-seized-by-cbp-officers-in-chicago (CBP Chicago, 2025-05-06)"
)
CHICAGO_LICENCES_2025 = (
    "https://shipping.einnews.com/pr_news/808640978/counterfeit-watches-worth-over-9-million-and-4-"
    "345-counterfeit-licenses-seized-by-cbp-officers-in-chicago (CBP Chicago, April 2025, published"
    " 2025-05-01)"
)
MEMPHIS_MEGAFLEX = (
    "https://www.cbp.gov/newsroom/local-media-release/cbp-memphis-seizes-nearly-200-shipments-"
    "through-operation-mega-flex (CBP Memphis, 2020-11-02)"
)
CINCY_AIRPODS_BROWNSVILLE = (
    "https://usait.org/illinois/thousands-of-fake-apple-airpods-worth-1-3-million-seized-by-"
    "cincinnati-cbp/ (reprint of a CBP Cincinnati release, seizures of July 7; see also"
    " https://www.moneycontrol.com/news/technology/us-customs-is-seizing-counterfeit-airpods-and-"
    "other-wireless-earbuds-from-bose-sony-and-others-7188051.html, 2021)"
)
CINCY_AIRPODS_DAYTON = (
    "https://www.cbp.gov/newsroom/local-media-release/fake-airpods-and-cartier-bracelets-totaling-"
    "53-million-seized (CBP Cincinnati, 2021-06-09)"
)
LOUISVILLE_AIRPODS = (
    "https://www.whas11.com/article/news/crime/cbp-louisville-airpods-seizure/417-1684696e-8f6f-47a1-"
    "bdce-735009223dfb (CBP Louisville, reported 2021-06-16)"
)
SHREVEPORT_BAGS = (
    "https://cbp.gov/newsroom/local-media-release/cbp-finds-fake-designer-goods-consignment-facility"
    " (CBP New Orleans field office; cites FY2022 figures)"
)
LOUISVILLE_BAGS = (
    "https://www.kold.com/2020/09/20/cbp-officials-seize-over-worth-counterfeit-designer-goods-"
    "emphasize-legal-consequences-buyers-sellers/ (CBP Louisville, seizure of 2020-09-17)"
)
DFW_PENCIL_BAGS = (
    "https://michaelkorsoutleteinc.com/cbp-seizes-fake-designer-handbags-and-wallets-valued-at-"
    "314000/ (reprint of a CBP Dallas release; cites fiscal 2020)"
)
KENTUCKY_BELTS = (
    "https://importexportlaw.net/page/2/ (summary of a CBP Kentucky "
    "release: packing list said belts,"
    " parcel held watches and luxury accessories from Hong Kong; late June, year not shown)"
)
LOUISVILLE_CIALIS = (
    "https://cbp.gov/newsroom/local-media-release/counterfeit-cialis-and-viagra-pills-seized-cbp-"
    "officers-louisville (CBP Louisville, seizure of 2020-04-25)"
)
MEMPHIS_SWITCHES = (
    "https://www.cbp.gov/newsroom/local-media-release/cbp-memphis-regularly-seizes-switches-turn-"
    "handguns-fully-automatic (CBP Memphis, seizure of April 10; year not shown in the stored copy)"
)
WBIR_SWITCHES = (
    "https://wbir.com/article/news/local/more-than-500-glock-switches-intercepted-in-tennessee/51-"
    "594c24ee-97aa-4610-aa0f-27b74f949657 (WBIR on CBP Memphis; date not shown in the stored copy)"
)
CHICAGO_SWITCHES_2024 = (
    "https://www.police1.com/border-patrol/over-1-500-glock-switches-seized-by-chicago-customs-"
    "officers-in-2024 (CBP Chicago, 2024 totals, reported January 2025)"
)
ABC7_SUPPRESSORS = (
    "https://abc7chicago.com/post/us-customs-border-protection-seizing-illegal-weapon-parts-"
    "trafficked-country-china-ohare-processing-center/15964648/ (ABC7 at "
    "the O'Hare IMF, 2025-03-01)"
)
HSI_LAFOAUTO = (
    "https://www.ice.gov/news/releases/ice-hsi-seizes-website-illegally-selling-weapon-components-"
    "silencers-china-us (ICE HSI Detroit, 2020-07-13)"
)
ATF_SOLVENT_TRAPS = (
    "ATF open letter to all FFLs on 'solvent trap' devices, November 2023, as posted at"
    " https://www2.nssf.org/l/127421/2023-11-21/4x45h5 (general guidance; no specific mail seizure"
    " release found)"
)
LOUISVILLE_PINS = (
    "https://cbp.gov/newsroom/local-media-release/10800-assault-weapons-parts-seized-cbp-louisville"
    " (CBP Louisville, seizure of 2020-05-22)"
)
STL_PUFF = (
    "https://www.cbp.gov/newsroom/local-media-release/cbp-officers-st-louis-seize-dangerous-vaping-"
    "pens (CBP St. Louis; date not shown in the stored copy, 2020 FDA enforcement priorities cited)"
)
CHICAGO_ENDS_2024 = (
    "https://abc7chicago.com/post/thousands-illegal-vapes-china-mississippi-seized-chicago-customs/"
    "14999698/ (CBP Chicago, reported 2024-06-25)"
)
OHARE_VAPE_BATTERIES = (
    "https://planetofthevapes.co.uk/news/vaping-news/2021-01-28_chicago-crackdown.html (on a CBP"
    " Chicago Mail Branch release, 2021-01-28)"
)
INDY_JUUL = (
    "https://importexportlaw.net/tag/fda/ (summary of a CBP Indianapolis release on Juul pods"
    " labelled 'electrical apparatus'; date not shown)"
)
CBP_TOBACCO_GENERAL = (
    "CBP, general description of tobacco import rules (TTB permit, FDA labelling) at"
    " https://www.foxla.com/news/cbp-seizes-nearly-150k-contraband-cigarettes-from-couple-arriving-"
    "cruise-ship-from-mexico (2025-05-14, a traveller case); no specific mail release found"
)
DULLES_CIGS_2012 = (
    "http://washington.cbslocal.com/2012/03/09/customs-officials-bust-man-smuggling-924-packs-of-"
    "cigarettes-into-u-s/ (2012-03-09, a traveller from Vietnam declaring 'fish and cigarettes';"
    " no specific mail release found, concealment modelled on this)"
)
CBP_CURRENCY_GENERAL = (
    "CBP, general currency reporting rule (31 USC 5316, $10,000) as restated in CBP releases, e.g."
    " https://www.einpresswire.com/article/720151562/cbp-officers-seize-185k-in-unreported-currency-"
    "at-hidalgo-international-bridge (2024-06-14); no specific mail release found"
)
HOUSTON_PHOTO_PAPER = (
    "http://greatlakescustomslaw.com/tag/money-seized-by-customs/ (reprint "
    "of a CBP Houston release:"
    " $100 bills lined within eight packages of photo paper, Dec. 7; a traveller case, no specific"
    " mail release found)"
)
LAX_IMF_WILDLIFE = (
    "https://www.hstoday.us/subject-matter-areas/border-security/cbp-and-fws-seize-turtle-skulls-"
    "crocodile-skins-kangaroo-meat-exotic-butterflies-at-lax/ (CBP LAX IMF, FY2024 to date)"
)
DALLAS_TURTLE_BOOTS = (
    "https://cbp.gov/newsroom/local-media-release/cbp-scoots-boots-belts-seizure"
    " (CBP Dallas express"
    " consignment; cites FY2019 figures)"
)
PHILLY_TAXIDERMY = (
    "https://www.pennlive.com/news/2023/07/shipments-run-a-fowl-officers-seize-animal-skulls-"
    "taxidermized-birds.html (CBP Philadelphia, reported 2023-07-07)"
)
PHILLY_FINCH = (
    "https://sandiegonewscape.com/index.php/news/national-news/591-cbp-intercepts-stuffed-"
    "endangered-red-siskin-finch.html (CBP Philadelphia, seizure of 2019-08-28)"
)
CHICAGO_TRAMADOL_DALLAS = (
    "https://cbp.gov/newsroom/local-media-release/more-38000-tramadol-pills-intercepted-cbp-chicago"
    " (CBP Chicago International Mail Branch; date not shown in the stored copy)"
)
SHREVEPORT_TRAMADOL = (
    "https://cbp.gov/newsroom/local-media-release/cbp-seizes-over-800-packaged-prescription-pills"
    " (CBP Shreveport, seizure of Jan. 30; cites FY2021 figures)"
)
BOSTON_TRAMADOL = (
    "https://www.stl.news/cbp-officers-in-boston-seize-200-grams-of-synthetic-opioid-in-shipment/"
    "351578/ (CBP Boston, seizure of 2020-09-18, reported 2020-09-22)"
)
PHILLY_CAKES = (
    "https://cbp.gov/newsroom/local-media-release/philadelphia-cbp-takes-cake-illicit-pill-"
    "interceptions (CBP Philadelphia; cites FY2021 figures)"
)
OHARE_TAPENTADOL = (
    "https://cbp.gov/newsroom/local-media-release/opioids-pain-pills-flood-international-mail-"
    "facility-o-hare (CBP Chicago IMF, 2021-07-21)"
)
CINCY_XANAX = (
    "https://cbp.gov/newsroom/local-media-release/cincinnati-cbp-halts-15750-xanax-pills (CBP"
    " Cincinnati, seizure of June 30; year not shown in the stored copy)"
)
MSP_HERBAL_CANDY = (
    "https://cbp.gov/newsroom/local-media-release/cbp-officers-minnesota-seize-more-9000-pills-"
    "medication (CBP Minneapolis, 2021-02-22)"
)
CINCY_TADALAFIL = (
    "https://jagograhakjago.com/PSMNewz/Sep1/cbp_officers.html (reprint of a CBP Cincinnati DHL"
    " facility release, fiscal year 2011)"
)
DULLES_STEROIDS = (
    "https://cbp.gov/newsroom/local-media-release/dulles-cbp-officers-seize-steroids-shipped-uk-and-"
    "unreported-currency (CBP Dulles; date not shown in the stored copy)"
)
LOUISVILLE_TESTOSTERONE = (
    "https://cbp.gov/newsroom/local-media-release/167-pounds-illegal-testosterone-steroids-seized-"
    "louisville-cbp (CBP Louisville, seizure of June 10; year not shown in the stored copy)"
)
SARNIA_BRAKE_PADS = (
    "http://www.theobserver.ca/2017/03/15/us-customs-says-manifest-said-package-contained-brake-pads"
    " (CBP Blue Water Bridge, seizure of 2017-01-18, reported 2017-03-15)"
)
DUTCH_DNP = (
    "https://nutraingredients.com/Article/2017/11/24/Dutch-authorities-issue-new-safety-warning-on-"
    "toxic-bodybuilding-supplements (Dutch customs / NVWA, 2017-11-24)"
)
DETROIT_KRATOM = (
    "https://importexportlaw.net/tag/kratom/ (summary of a CBP Detroit release 'CBP Seizes Half Ton"
    " of Salmonella-Laced Kratom'; date not shown)"
)
PHILLY_KHAT_2014 = (
    "https://www.cbp.gov/newsroom/local-media-release/philadelphia-cbp-ends-busy-week-international-"
    "parcel-seizures (CBP Philadelphia, 2014-03-07)"
)
ABQ_GBL = (
    "https://www.pressreader.com/usa/albuquerque-journal/20171231/281479276794368 (Albuquerque"
    " Journal on federal court records, 2017-12-31)"
)
INDY_KETAMINE = (
    "https://www.narcity.com/indianapolis/californians-wont-get-ketamine-hidden-gift-boxes (CBP"
    " Indianapolis, seizure of 2022-09-10, reported 2022-09-20)"
)
CHICAGO_BANGERS = (
    "https://stl.news/drug-paraphernalia-intercepted-by-cbp-officers-in-chicago-il/ (CBP Chicago,"
    " seizures of Dec. 27-28, reported 2021-01-02)"
)
GAO_20_229R = (
    "GAO-20-229R, International Mail: Progress Made in Using Electronic Data to Detect Illegal"
    " Opioid Shipments, 2019-12-18, http://gao.gov/products/GAO-20-229R"
)
DHS_OIG_2023 = (
    "DHS OIG report on CBP's STOP Act implementation, as reported at https://www.govexec.com/"
    "oversight/2023/10/dhs-usps-failing-their-requirements-screen-opioids-mail/390895/ (2023-10)"
)
ORDINARY_SOURCE = "none: ordinary traffic written for contrast, not modelled on a public case"


# --- parties -----------------------------------------------------------------------------------

CN_TRADING = _party(
    "Guangzhou Lianfa Trading Co., Ltd.", "Rm 605, 33 Huangpu Ave", "Guangzhou", "CN"
)
CN_PERSON = _party("Li Wei", "Bldg 7, 219 Xinhua Rd", "Shenzhen", "CN")
CN_PERSON2 = _party("Zhang Min", "No. 45 Wenhua Rd", "Zhengzhou", "CN")
CN_PERSON3 = _party("Chen Jie", "88 Hanzheng St", "Wuhan", "CN")
CN_CHEM = _party(
    "Hubei Kangsheng Biotech Co., Ltd.",
    "Room 1708, Block B, Optics Valley Plaza",
    "Wuhan",
    "CN",
    email="sales.kangsheng@example.cn",
)
CN_CHEM2 = _party("Shanghai Ruiyuan New Material Co.", "No. 1200 Zhangyang Rd", "Shanghai", "CN")
CN_CHEM3 = _party("Hebei Tuoyue Technology Co., Ltd.", "56 Zhongshan W Rd", "Shijiazhuang", "CN")
CN_MACHINE = _party("Ruian Jiayi Machinery Parts Factory", "No. 9 Industrial Zone", "Ruian", "CN")
CN_MACHINE2 = _party("Yiwu Hongtai Hardware Co.", "Futian Market 3-112", "Yiwu", "CN")
CN_AUTO = _party("Qingdao Lafo Auto Parts Co.", "17 Haier Rd", "Qingdao", "CN")
HK_TRADER = _party("Golden Ocean Trading Ltd.", "Flat 12, 9/F, 48 Canton Rd", "Kowloon", "HK")
HK_PERSON = _party("Wong Ka Ming", "Rm 3, 15/F, 101 Nathan Rd", "Kowloon", "HK")
HK_ELEC = _party(
    "Sunrise Digital Accessories Ltd.", "Unit 8, 22 Kwai Fung Cres", "Kwai Chung", "HK"
)
MX_PERSON = _party("Rosa Elena Morales", "Calle Hidalgo 214", "Uruapan", "MX", state="Michoacán")
MX_PERSON2 = _party("Juan Carlos Ruiz", "Av. Independencia 77", "Guadalajara", "MX")
MX_PERSON3 = _party("Artesanías La Palma", "Calle 5 de Mayo 12", "Ocotepec", "MX")
GT_PERSON = _party("Marvin Estuardo López", "4a Avenida 8-21, Zona 1", "Guatemala City", "GT")
TH_PERSON = _party("Somchai Boonmee", "55/12 Ladprao Soi 18", "Bangkok", "TH")
TH_SHOP = _party("Siam Herbal House", "101 Charoen Krung Rd", "Bangkok", "TH")
IN_PHARMA = _party("Shiva Healthcare Exports", "Plot 41, GIDC Estate", "Vapi", "IN")
IN_PERSON = _party("Rakesh Gupta", "B-12 Lajpat Nagar", "New Delhi", "IN")
GB_PERSON = _party("Daniel Hughes", "31 Elm Grove", "London", "GB", postcode="E7 9BT")
GB_GYM = _party("Kieran Walsh", "Unit 4, Riverside Business Park", "London", "GB")
GB_SHOP = _party("Ali's Sweets & Garments", "220 Green St", "London", "GB")
ES_PERSON = _party("Sergio Martín", "Calle de Alcalá 310", "Madrid", "ES")
ES_COSMETIC = _party("Pigmentos Iberia SL", "Calle Industria 8", "Valencia", "ES")
TR_PERSON = _party("Emre Kaya", "Atatürk Cd. 45", "Izmir", "TR")
VN_PERSON = _party("Tran Thi Lan", "45 Hang Bac", "Hanoi", "VN")
VN_SHOP = _party("Saigon Fashion House", "112 Nguyen Trai", "Ho Chi Minh City", "VN")
PH_PERSON = _party("Maricel Dizon", "17 Mabini St", "Quezon City", "PH")
NL_PERSON = _party("Sander Visser", "Oude Delft 91", "Delft", "NL")
NL_TAXIDERMY = _party("Vogelkunst Atelier", "Prinsengracht 400", "Amsterdam", "NL")
GB_TAXIDERMY = _party("Heritage Taxidermy Ltd", "2 Market Pl", "Ludlow", "GB")
CA_PERSON = _party("Marc Gagnon", "1450 Rue Sainte-Catherine", "Montréal", "CA")
CA_VAPE = _party("Northern Vapour Supply", "88 Industrial Pkwy", "Mississauga", "CA")
CA_BOTANIC = _party("Maple Botanical Soils Inc.", "300 Keele St", "Toronto", "CA")
SO_KE_PERSON = _party("Abdi Hassan", "Moi Avenue 14", "Nairobi", "KE")
KR_PERSON = _party("Park Ji-ho", "33 Sejong-daero", "Seoul", "KR")
TW_PERSON = _party("Lin Yu-ting", "No. 8, Sec. 2, Zhongshan N Rd", "Taipei", "TW")
UA_PERSON = _party("Olena Kovalenko", "vul. Khreshchatyk 20", "Kyiv", "UA")

# addressees (US)
OH_HOME = _us("Tyler Brooks", "1187 Maple Ave", "Dayton", "OH", "45410")
PA_HOME = _us("Brianna Kelly", "2214 E Cumberland St", "Philadelphia", "PA", "19125")
PA_HOME2 = _us("Marcus Reed", "3350 N 5th St", "Philadelphia", "PA", "19140")
OH_CLEVELAND = _us("Devon Hayes", "4410 Lorain Ave", "Cleveland", "OH", "44102")
TX_HOUSTON = _us("Luis Ortega", "8815 Bellfort Ave", "Houston", "TX", "77061")
IL_CHICAGO = _us("Ramon Vega", "2741 S Pulaski Rd", "Chicago", "IL", "60623")
NJ_CAMDEN = _us("Kevin Morris", "1021 Kaighn Ave", "Camden", "NJ", "08103")
FL_HOME = _us("Jason Price", "503 Palm Bay Rd NE", "Palm Bay", "FL", "32905")
MI_HOME = _us("Cody Turner", "1420 Barlow St", "Traverse City", "MI", "49686")
OH_SPENCER = _us("Dustin Miller", "210 S Elm St", "Spencerville", "OH", "45887")
NC_HOME = _us("Ashley Greene", "905 Rogers Lake Rd", "Kannapolis", "NC", "28081")
SC_HOME = _us("Travis Bell", "144 W Home Ave", "Hartsville", "SC", "29550")
IL_THOMPSON = _us("Kyle Anders", "12 Main St", "Thompsonville", "IL", "62890")
IL_BENSENVILLE = _us("Eddie Wang", "535 W Irving Park Rd", "Bensenville", "IL", "60106")
TX_BROWNSVILLE = _us("Jorge Salinas", "2455 Boca Chica Blvd Unit 118", "Brownsville", "TX", "78521")
KY_DAYTON = _us("Tri-State Gadgets", "600 Sixth Ave Ste 4", "Dayton", "KY", "41074")
NY_CANAL = _us("Mei Lin", "88 Canal St Rm 5", "New York", "NY", "10002")
AR_HOME = _us("Kristen Hall", "77 Oak Hill Rd", "Benton", "AR", "72015")
CA_WESTMINSTER = _us("Linh Pham", "9200 Bolsa Ave Ste 210", "Westminster", "CA", "92683")
TX_DALLAS = _us("Patricia Nguyen", "4019 Gaston Ave", "Dallas", "TX", "75246")
TX_DALLAS2 = _us("Guadalupe Soto", "2616 Bonnie View Rd", "Dallas", "TX", "75216")
TX_LONGVIEW = _us("Carlos Mendez", "1511 Judson Rd", "Longview", "TX", "75601")
MA_HOME = _us("Sompong Rattana", "41 Bennington St", "Boston", "MA", "02128")
WV_HOME = _us("Imran Qureshi", "1600 Washington St E", "Charleston", "WV", "25311")
TX_HOME = _us("Dillon Scott", "3320 Sherwood Way", "San Angelo", "TX", "76901")
MN_STPAUL = _us("Nou Vang", "755 Payne Ave", "Saint Paul", "MN", "55130")
CA_YUCAIPA = _us("Gary Lund", "12560 5th St", "Yucaipa", "CA", "92399")
GA_HOME = _us("Brandon Ellis", "210 Pryor St SW", "Atlanta", "GA", "30303")
FL_GYM = _us("Alexis Romero", "7700 N Kendall Dr Ste 9", "Miami", "FL", "33156")
NY_FLUSHING = _us("Jian Zhou", "136-20 Roosevelt Ave Ste 7F", "Flushing", "NY", "11354")
FL_MIAMI = _us("Ricky Alvarez", "11230 SW 88th St", "Miami", "FL", "33176")
MS_WHOLESALE = _us("Magnolia Smoke Wholesale", "400 Industrial Dr", "Jackson", "MS", "39209")
MO_FLORISSANT = _us("Taylor Jenkins", "1840 N New Florissant Rd", "Florissant", "MO", "63033")
IL_VAPE = _us("Windy City Vape Distro", "1200 N Ashland Ave Ste 3", "Chicago", "IL", "60622")
NY_JUUL = _us("Anthony Russo", "55 Bay Ridge Pkwy", "Brooklyn", "NY", "11209")
VA_HOME = _us("Thanh Nguyen", "6761 Wilson Blvd", "Falls Church", "VA", "22044")
NY_ONONDAGA = _us("Gregory Pratt", "4120 Onondaga Blvd", "Syracuse", "NY", "13219")
GA_ATLANTA = _us("Denise Carter", "890 Peachtree St NE Apt 1204", "Atlanta", "GA", "30309")
TX_BOOTS = _us("Rodrigo Lozano", "3300 W Davis St", "Dallas", "TX", "75211")
CA_LA_HOME = _us("Kevin Tran", "15040 Beach Blvd", "Westminster", "CA", "92683")
NM_ARTESIA = _us("Jesse Dominguez", "1402 W Richey Ave Apt 3", "Artesia", "NM", "88210")
CA_KETAMINE = _us("Diego Herrera", "4500 Whittier Blvd", "Los Angeles", "CA", "90022")
CA_KETAMINE2 = _us("Nicole Ramos", "2600 Fresno St", "Fresno", "CA", "93721")
CT_CROMWELL = _us("Hodan Ali", "45 Shunpike Rd", "Cromwell", "CT", "06416")
IL_SKOKIE = _us("Ahmed Yusuf", "8200 Lincoln Ave", "Skokie", "IL", "60077")
IL_GLENDALE = _us("Prairie Glass Supply LLC", "245 Schmale Rd", "Glendale Heights", "IL", "60139")
IL_WOOD_DALE = _us("Midwest Fine Chemicals LLC", "190 Mittel Dr", "Wood Dale", "IL", "60191")
IL_AIRCARGO = _us("Jamal Wright", "6120 S Ashland Ave", "Chicago", "IL", "60636")
OH_NEWARK = _us("Brandon Fisk", "88 Hudson Ave", "Newark", "OH", "43055")
FL_ORLANDO = _us("Kayla Dunn", "2800 S Kirkman Rd", "Orlando", "FL", "32811")
NV_HOME = _us("Sean Carter", "4100 Boulder Hwy", "Las Vegas", "NV", "89121")
WA_HOME = _us("Erik Johansson", "1420 NE 45th St", "Seattle", "WA", "98105")
# a commercial mailbox unit used as a drop address
PA_DROP = _us("Steven Kowalski", "1645 W Passyunk Ave Unit 312", "Philadelphia", "PA", "19145")
OH_DROP = _us("Mike Jones", "3535 Cleveland Ave Unit 114", "Columbus", "OH", "43224")
FORWARDER = _us(
    "Jenny Liu",
    "1800 NW 89th Ct Ste 150",
    "Doral",
    "FL",
    "33172",
    business="Speedy Reship Logistics, ref SR-77310",
)


def _s(case_id: str, category: str, source: str, note: str, *items: dict[str, Any]) -> Case:
    return Case(case_id, SUSPICIOUS, category, source, note, list(items))


D = 23  # the facility day the suspicious parcels arrive on (clusters span it)

SUSPICIOUS_CASES: list[Case] = [
    # --- fentanyl and analogues ------------------------------------------------------------
    _s(
        "fen-detroit-pills",
        "fentanyl",
        CBP_DETROIT_FENT,
        "K-9 alert on inbound mail; multiple plastic bags of pills tested as fentanyl, ~6 lb.",
        _aed(
            CA_PERSON,
            OH_NEWARK,
            [_p("vitamin gummies", 6, 2.6, "18.00", "2106.90")],
            sent_at=_t(D, 1, 10),
            category="gift",
            gross=2.9,
        ),
    ),
    _s(
        "fen-memphis-woodcraft",
        "fentanyl",
        KAIT8_MEMPHIS_WOOD,
        "Described as 'wood crafts art and technique of making'; fentanyl in "
        "box linings, to Houston.",
        _aed(
            MX_PERSON,
            TX_HOUSTON,
            [
                _p("wood crafts art and technique of making", 4, 3.4, "40.00", "4420.90"),
                _p("small rolling pin", 1, 0.2, "3.00", "4419.90"),
            ],
            sent_at=_t(D, 1, 25),
            mail_class="ems",
            category="gift",
        ),
    ),
    _s(
        "fen-louisville-frames",
        "fentanyl",
        CBS_LOUISVILLE_ACRYL,
        "Manifested 'Handmade Wooden Picture Gifts', 52 lb; acrylfentanyl in "
        "the frames, to Chicago.",
        _aed(
            MX_PERSON3,
            IL_CHICAGO,
            [_p("Handmade Wooden Picture Gifts", 12, 22.0, "60.00", "4414.00")],
            sent_at=_t(D, 1, 40),
            mail_class="ems",
            category="gift",
            gross=23.6,
        ),
    ),
    _s(
        "fen-cincy-silicon-resin",
        "fentanyl",
        CINCY_83_SHIPMENTS,
        "China-origin synthetic opioids manifested as 'silicon resin' and "
        "similar industrial goods.",
        _aed(
            CN_CHEM2,
            FL_ORLANDO,
            [_p("silicon resin", 1, 0.5, "8.00", "3910.00")],
            sent_at=_t(D, 2, 5),
            mail_class="ems",
        ),
    ),
    _s(
        "fen-psi-small-packet",
        "fentanyl",
        PSI_2018,
        "Online sellers in China preferred shipping fentanyl by USPS; buyers in OH, PA and FL.",
        _aed(
            CN_PERSON,
            PA_HOME,
            [_p("hair accessories", 1, 0.05, "3.00", "9615.11")],
            sent_at=_t(D, 2, 20),
            mail_class="other",
            category="gift",
            gross=0.08,
        ),
    ),
    _s(
        "fen-carfentanil-letter",
        "fentanyl",
        PORTMAN_CARFENTANIL,
        "Carfentanil 'normally comes in by the U.S. mail system, usually from China'.",
        _aed(
            CN_PERSON2,
            OH_HOME,
            [_p("printing ink sample", 1, 0.03, "1.00", "3215.19")],
            sent_at=_t(D, 2, 35),
            mail_class="letter",
            category="commercial_sample",
            gross=0.05,
        ),
    ),
    _s(
        "fen-iron-oxide",
        "fentanyl",
        PHILLY_IRON_OXIDE,
        "4-fluoroisobutyryl fentanyl hidden in a shipment declared as iron oxide from China.",
        _aed(
            CN_CHEM3,
            PA_HOME2,
            [_p("iron oxide pigment powder", 2, 48.0, "96.00", "2821.10")],
            sent_at=_t(D, 2, 50),
            mail_class="other",
            gross=51.0,
        ),
    ),
    # --- nitazenes and xylazine --------------------------------------------------------------
    _s(
        "nit-uk-sweets",
        "nitazene",
        ABF_NITAZENE,
        "Metonitazene tablets in UK-origin postal packages, vacuum-sealed inside cover goods.",
        _aed(
            GB_PERSON,
            VA_HOME,
            [_p("sweets", 2, 0.3, "6.00", "1704.90")],
            sent_at=_t(D, 3, 5),
            mail_class="other",
            category="gift",
            gross=0.35,
        ),
    ),
    _s(
        "nit-delft-oxy",
        "nitazene",
        DELFT_NITAZENE,
        "Thousands of tablets that looked like oxycodone turned out to be "
        "protonitazene, bound for US.",
        _aed(
            NL_PERSON,
            NV_HOME,
            [_p("gift", 1, 0.9, "15.00")],
            sent_at=_t(D, 3, 15),
            category="gift",
            gross=1.0,
        ),
    ),
    _s(
        "xyl-spain-mica",
        "xylazine",
        PHILLY_XYLAZINE,
        "Express parcel from Spain manifested 'mica powder for makeup'; 1.04 kg xylazine HCl.",
        _aed(
            ES_COSMETIC,
            PA_HOME2,
            [_p("mica powder for makeup", 1, 1.04, "12.00", "2525.20")],
            sent_at=_t(D, 3, 30),
            mail_class="ems",
            gross=1.2,
        ),
    ),
    _s(
        "xyl-chicago-three",
        "xylazine",
        CHICAGO_XYLAZINE,
        "Three China-origin shipments of unknown powder to homes in Cleveland and Philadelphia.",
        _aed(
            CN_CHEM,
            OH_CLEVELAND,
            [_p("chemical raw material", 1, 2.7, "20.00", "2942.00")],
            sent_at=_t(D, 3, 40),
            mail_class="ems",
        ),
        _aed(
            CN_CHEM,
            PA_HOME,
            [_p("chemical raw material", 1, 2.8, "20.00", "2942.00")],
            sent_at=_t(D, 3, 42),
            mail_class="ems",
        ),
        _aed(
            CN_CHEM,
            PA_HOME2,
            [_p("powder sample", 1, 2.6, "20.00", "2942.00")],
            sent_at=_t(D, 3, 44),
            mail_class="ems",
            category="commercial_sample",
        ),
    ),
    # --- precursors --------------------------------------------------------------------------
    _s(
        "pre-npp-raw-material",
        "precursor",
        DOJ_PRECURSORS_2023,
        "China-based firms shipped fentanyl precursors with false customs forms and mislabeling.",
        _aed(
            CN_CHEM,
            FORWARDER,
            [_p("chemical raw material (N-phenethyl-4-piperidone)", 1, 1.0, "25.00", "2933.39")],
            sent_at=_t(D, 4, 0),
            mail_class="ems",
            category="commercial_sample",
        ),
    ),
    _s(
        "pre-4ap-masked",
        "precursor",
        DOJ_PRECURSORS_2023,
        "Sellers added molecules to evade testing; 4-AP sold under a changed name, wrong HS code.",
        _aed(
            CN_CHEM2,
            TX_HOUSTON,
            [_p("N-phenylpiperidin-4-amine dihydrochloride 99%", 1, 1.0, "30.00", "2921.49")],
            sent_at=_t(D, 4, 10),
            mail_class="ems",
        ),
    ),
    _s(
        "pre-boc-piperidone-cas",
        "precursor",
        DOJ_PRECURSORS_2023,
        "Precursors advertised openly with '100% stealth shipping'; declared by CAS number only.",
        _aed(
            CN_CHEM3,
            IL_CHICAGO,
            [_p("pharmaceutical intermediate CAS 79099-07-3", 1, 0.5, "15.00", "2942.00")],
            sent_at=_t(D, 4, 20),
            mail_class="ems",
            category="commercial_sample",
        ),
    ),
    _s(
        "pre-anpp-pet-food",
        "precursor",
        DOJ_PRECURSORS_2023,
        "Deceptive packaging: precursor packed inside an everyday product's pouches.",
        _aed(
            CN_TRADING,
            _us("José Ibarra", "1702 Santa Maria Ave", "Laredo", "TX", "78040"),
            [_p("pet food supplement powder", 2, 2.0, "10.00", "2309.90")],
            sent_at=_t(D, 4, 30),
            mail_class="ems",
        ),
    ),
    _s(
        "pre-piperidone-detergent",
        "precursor",
        DOJ_PRECURSORS_2024,
        "Eight China-based firms charged over precursor sales shipped under misleading labels.",
        _aed(
            CN_CHEM,
            NV_HOME,
            [_p("detergent additive 4-piperidone monohydrate HCl", 1, 1.0, "18.00", "3402.90")],
            sent_at=_t(D, 4, 40),
            mail_class="ems",
        ),
    ),
    _s(
        "pre-bmk-benzocaine",
        "precursor",
        CHICAGO_BMK,
        "26 boxes of unknown powder from Shenzhen: BMK methyl glycidate and benzocaine, Wood Dale.",
        _aed(
            CN_TRADING,
            IL_WOOD_DALE,
            [
                _p("industrial powder", 1, 17.0, "45.00", "3824.99"),
                _p("white powder", 1, 17.0, "45.00", "3824.99"),
            ],
            sent_at=_t(D, 4, 50),
            mail_class="other",
            gross=36.0,
        ),
    ),
    # --- pill presses, dies and pill-making combinations -------------------------------------
    _s(
        "pp-jfk-artemis-five",
        "pill-press",
        JFK_ARTEMIS,
        "14 pill press die sets in five separate inbound shipments from China, one day.",
        _aed(
            CN_MACHINE,
            NC_HOME,
            [_p("mold parts", 3, 2.1, "30.00", "8480.79")],
            sent_at=_t(D, 5, 0),
            mail_class="ems",
        ),
        _aed(
            CN_MACHINE,
            SC_HOME,
            [_p("stamping die", 3, 2.0, "30.00", "8207.30")],
            sent_at=_t(D, 5, 4),
            mail_class="ems",
        ),
        _aed(
            CN_MACHINE2,
            OH_SPENCER,
            [_p("metal mould accessories", 2, 1.4, "20.00", "8480.79")],
            sent_at=_t(D, 5, 9),
            mail_class="ems",
        ),
        _aed(
            CN_MACHINE2,
            MI_HOME,
            [_p("punch and die", 3, 2.2, "28.00", "8207.30")],
            sent_at=_t(D, 5, 13),
            mail_class="ems",
        ),
        _aed(
            CN_MACHINE,
            IL_THOMPSON,
            [_p("hardware tool parts", 3, 2.0, "26.00", "8466.94")],
            sent_at=_t(D, 5, 20),
            mail_class="ems",
        ),
    ),
    _s(
        "pp-chicago-whole-press",
        "pill-press",
        CHICAGO_PRESS,
        "One package concealed an entire pill press machine, to a residence in Traverse City, MI.",
        _aed(
            CN_MACHINE,
            MI_HOME,
            [_p("candy making machine", 1, 28.0, "120.00", "8438.20")],
            sent_at=_t(D, 5, 30),
            mail_class="other",
            gross=31.0,
        ),
    ),
    _s(
        "pp-chicago-die-residence",
        "pill-press",
        CHICAGO_PRESS,
        "Pill press die sets from China to individual residences; seized as drug paraphernalia.",
        _aed(
            CN_PERSON3,
            OH_SPENCER,
            [_p("spare parts", 1, 0.9, "15.00", "8479.90")],
            sent_at=_t(D, 5, 40),
            mail_class="other",
        ),
    ),
    _s(
        "pp-tdp-candy",
        "pill-press",
        DEA_PRESS_GENERAL,
        "Single-punch tablet presses sold online as 'candy' or 'vitamin' presses with punch sets.",
        _aed(
            CN_MACHINE2,
            TX_HOME,
            [
                _p("TDP-5 candy tablet press", 1, 45.0, "380.00", "8479.89"),
                _p("punch set 10mm", 2, 1.0, "20.00", "8207.30"),
            ],
            sent_at=_t(D, 5, 50),
            mail_class="other",
            gross=50.0,
        ),
    ),
    _s(
        "pp-capsules-and-scale",
        "pill-press",
        DEA_PRESS_GENERAL,
        "Pill-making combination: bulk empty capsules with a milligram scale, one residence.",
        _aed(
            CN_TRADING,
            FL_ORLANDO,
            [
                _p("empty gelatin capsules size 00", 10000, 6.0, "35.00", "9602.00"),
                _p("digital scale 0.001g", 1, 0.4, "12.00", "8423.10"),
            ],
            sent_at=_t(D, 6, 0),
            mail_class="ems",
        ),
    ),
    _s(
        "pp-capsule-filler-binder",
        "pill-press",
        DEA_PRESS_GENERAL,
        "Manual capsule filling board with empty capsules and a binder/filler powder.",
        _aed(
            CN_TRADING,
            NV_HOME,
            [
                _p("capsule filling board 100 holes", 1, 1.2, "18.00", "8479.89"),
                _p("empty capsules", 5000, 3.0, "15.00", "9602.00"),
                _p("microcrystalline cellulose", 1, 5.0, "10.00", "3912.90"),
            ],
            sent_at=_t(D, 6, 10),
            mail_class="ems",
        ),
    ),
    _s(
        "pp-m30-logo-die",
        "pill-press",
        DEA_PRESS_GENERAL,
        "Custom punch dies engraved to mimic pharmaceutical imprints, declared as embossing molds.",
        _aed(
            CN_MACHINE,
            CA_LA_HOME,
            [_p("custom logo embossing mold M 30", 2, 0.8, "16.00", "8480.79")],
            sent_at=_t(D, 6, 20),
            mail_class="other",
        ),
    ),
    # --- counterfeits and fake documents -----------------------------------------------------
    _s(
        "cf-ohare-single-rolex",
        "counterfeit",
        CHICAGO_WATCHES_2020,
        "175 mis-manifested IMF parcels, most with one watch, most Rolex; poor "
        "packaging, low value.",
        _aed(
            HK_PERSON,
            GA_HOME,
            [_p("wrist watch", 1, 0.2, "25.00", "9102.11")],
            sent_at=_t(D, 6, 30),
            mail_class="other",
            category="gift",
        ),
    ),
    _s(
        "cf-bensenville-243-watches",
        "counterfeit",
        CHICAGO_WATCHES_2025,
        "One shipment from China with 243 watches of 11 luxury brands, to Bensenville, IL.",
        _aed(
            CN_TRADING,
            IL_BENSENVILLE,
            [_p("alloy watch", 243, 36.0, "486.00", "9102.19")],
            sent_at=_t(D, 6, 40),
            mail_class="other",
            gross=40.0,
        ),
    ),
    _s(
        "cf-airpods-brownsville-five",
        "counterfeit",
        CINCY_AIRPODS_BROWNSVILLE,
        "Five shipments of 'headsets' from China, each manifested at $312, all "
        "to one Brownsville address.",
        *[
            _aed(
                sender,
                TX_BROWNSVILLE,
                [_p("headsets", qty, kg, "312.00", "8518.30")],
                sent_at=_t(D, 7, minute),
                mail_class="other",
            )
            for sender, qty, kg, minute in (
                (HK_ELEC, 1300, 52.0, 0),
                (CN_TRADING, 1300, 52.0, 6),
                (HK_ELEC, 1250, 50.0, 11),
                (CN_PERSON, 1260, 50.5, 17),
                (HK_TRADER, 1262, 50.6, 24),
            )
        ],
    ),
    _s(
        "cf-airpods-dayton",
        "counterfeit",
        CINCY_AIRPODS_DAYTON,
        "Two large Hong Kong shipments of Bluetooth earbuds to Dayton, KY, declared $5,280 in all.",
        _aed(
            HK_ELEC,
            KY_DAYTON,
            [_p("bluetooth earphone", 12000, 190.0, "2640.00", "8518.30")],
            sent_at=_t(D, 7, 40),
            mail_class="other",
            gross=210.0,
        ),
        _aed(
            HK_ELEC,
            KY_DAYTON,
            [_p("bluetooth earphone", 11900, 189.0, "2640.00", "8518.30")],
            sent_at=_t(D, 7, 48),
            mail_class="other",
            gross=208.0,
        ),
    ),
    _s(
        "cf-louisville-earbuds",
        "counterfeit",
        LOUISVILLE_AIRPODS,
        "Eight Hong Kong shipments of earbuds copying the AirPods 3-D "
        "trademark, no Apple wordmark.",
        _aed(
            HK_TRADER,
            WA_HOME,
            [_p("TWS wireless earbuds", 100, 5.0, "150.00", "8518.30")],
            sent_at=_t(D, 8, 0),
            mail_class="other",
        ),
    ),
    _s(
        "cf-cartier-bracelets",
        "counterfeit",
        CINCY_AIRPODS_DAYTON,
        "150 bracelets identical to the Cartier 'Love' design, Hong Kong to New York City.",
        _aed(
            HK_TRADER,
            NY_CANAL,
            [_p("fashion bracelet", 150, 3.0, "90.00", "7117.19")],
            sent_at=_t(D, 8, 10),
            mail_class="other",
        ),
    ),
    _s(
        "cf-shreveport-dresses",
        "counterfeit",
        SHREVEPORT_BAGS,
        "Manifested 'local-made ladies dresses' from the Philippines; designer purses inside.",
        _aed(
            PH_PERSON,
            AR_HOME,
            [
                _p("local-made ladies dresses", 10, 4.0, "60.00", "6204.44"),
                _p("bags", 35, 9.0, "70.00", "4202.22"),
            ],
            sent_at=_t(D, 8, 20),
            category="gift",
        ),
    ),
    _s(
        "cf-louisville-womens-clothes",
        "counterfeit",
        LOUISVILLE_BAGS,
        "Manifested as women's clothes from Vietnam; 95 designer shoes, handbags and clothes.",
        _aed(
            VN_SHOP,
            CA_WESTMINSTER,
            [_p("women's clothes", 95, 28.0, "190.00", "6204.69")],
            sent_at=_t(D, 8, 30),
            mail_class="other",
        ),
    ),
    _s(
        "cf-dfw-pencil-bags",
        "counterfeit",
        DFW_PENCIL_BAGS,
        "Manifested as pencil bags from Vietnam; 153 handbags and wallets of luxury brands.",
        _aed(
            VN_PERSON,
            TX_DALLAS,
            [_p("pencil bags", 153, 30.0, "150.00", "4202.92")],
            sent_at=_t(D, 8, 40),
            mail_class="other",
        ),
    ),
    _s(
        "cf-kentucky-belts",
        "counterfeit",
        KENTUCKY_BELTS,
        "Packing list said belts; the parcel held Rolex/Cartier watches and Chanel/Gucci items.",
        _aed(
            HK_TRADER,
            FL_MIAMI,
            [_p("belts", 30, 9.0, "60.00", "4203.30")],
            sent_at=_t(D, 8, 50),
            mail_class="other",
        ),
    ),
    _s(
        "cf-turkey-lozenges",
        "counterfeit",
        LOUISVILLE_CIALIS,
        "Contents listed as throat lozenges and candies; 120 counterfeit Cialis and Viagra pills.",
        _aed(
            TR_PERSON,
            CA_YUCAIPA,
            [
                _p("throat lozenges", 2, 0.1, "5.00", "1704.90"),
                _p("candies", 2, 0.1, "4.00", "1704.90"),
            ],
            sent_at=_t(D, 9, 0),
            mail_class="other",
            category="gift",
        ),
    ),
    _s(
        "doc-licences-hk",
        "fake-documents",
        CHICAGO_LICENCES_2025,
        "340 shipments of counterfeit driver's licences from Hong Kong and China in one month.",
        _aed(
            HK_PERSON,
            OH_NEWARK,
            [_p("plastic cards", 12, 0.1, "3.00", "3921.90")],
            sent_at=_t(D, 9, 10),
            mail_class="letter",
            category="gift",
            gross=0.12,
        ),
    ),
    _s(
        "doc-megaflex-ids",
        "fake-documents",
        MEMPHIS_MEGAFLEX,
        "Operation Mega Flex: counterfeit driver's licences from China to addresses across the US.",
        _aed(
            CN_PERSON2,
            GA_ATLANTA,
            [_p("greeting card", 20, 0.15, "2.00", "4909.00")],
            sent_at=_t(D, 9, 15),
            mail_class="letter",
            category="documents",
            gross=0.2,
        ),
    ),
    # --- firearm parts -----------------------------------------------------------------------
    _s(
        "fa-memphis-steel-parts",
        "firearm-parts",
        MEMPHIS_SWITCHES,
        "40 'Glock switches' described in the paperwork as steel parts; shipper in China.",
        _aed(
            CN_MACHINE2,
            _us("Bobby Lee", "18 County Rd 402", "Laurel", "MS", "39440"),
            [_p("steel parts", 40, 0.4, "12.00", "7326.90")],
            sent_at=_t(D, 9, 30),
            mail_class="other",
        ),
    ),
    _s(
        "fa-wbir-machine-parts",
        "firearm-parts",
        WBIR_SWITCHES,
        "Switches from Asia in packaging labelled 'machine parts'; once hidden in a toaster oven.",
        _aed(
            CN_TRADING,
            _us("Terrell Watson", "2215 Jackson Ave", "Memphis", "TN", "38112"),
            [
                _p("toaster oven", 1, 3.5, "19.00", "8516.72"),
                _p("machine parts", 5, 0.1, "2.00", "8487.90"),
            ],
            sent_at=_t(D, 9, 40),
        ),
    ),
    _s(
        "fa-chicago-keychain",
        "firearm-parts",
        CHICAGO_SWITCHES_2024,
        "473 shipments with 1,507 conversion devices in 2024, mostly from China.",
        _aed(
            CN_PERSON,
            IL_AIRCARGO,
            [_p("plastic keychain accessories", 6, 0.05, "3.00", "3926.40")],
            sent_at=_t(D, 9, 50),
            mail_class="other",
            category="gift",
            gross=0.08,
        ),
    ),
    _s(
        "fa-ohare-water-pipe",
        "firearm-parts",
        ABC7_SUPPRESSORS,
        "At the O'Hare IMF a suppressor from China was disguised as a water pipe; odd threads.",
        _aed(
            CN_MACHINE2,
            IL_CHICAGO,
            [_p("water pipe fitting", 1, 0.6, "9.00", "7307.99")],
            sent_at=_t(D, 10, 0),
            mail_class="other",
        ),
    ),
    _s(
        "fa-lafoauto-muffler",
        "firearm-parts",
        HSI_LAFOAUTO,
        "350+ suppressors bought from a China website and smuggled in as automotive parts.",
        _aed(
            CN_AUTO,
            MI_HOME,
            [_p("auto parts exhaust muffler", 1, 0.7, "25.00", "8708.92")],
            sent_at=_t(D, 10, 10),
            mail_class="other",
        ),
    ),
    _s(
        "fa-solvent-trap-kit",
        "firearm-parts",
        ATF_SOLVENT_TRAPS,
        "'Solvent trap' kits with cups and drill-marked end caps classed by ATF as silencers.",
        _aed(
            CN_AUTO,
            TX_HOME,
            [_p("fuel filter kit 1/2x28 with cups", 1, 0.9, "29.00", "8421.23")],
            sent_at=_t(D, 10, 20),
            mail_class="other",
        ),
    ),
    _s(
        "fa-louisville-steel-pins",
        "firearm-parts",
        LOUISVILLE_PINS,
        "Manifested as '100 Steel Pin Samples' from Shenzhen; 10,800 "
        "assault-rifle parts, to Florida.",
        _aed(
            CN_MACHINE,
            FL_HOME,
            [_p("Steel Pin Samples", 100, 14.0, "10.00", "7318.24")],
            sent_at=_t(D, 10, 30),
            mail_class="other",
            category="commercial_sample",
            gross=15.5,
        ),
    ),
    # --- tobacco and vapes -------------------------------------------------------------------
    _s(
        "tob-stl-humidifier",
        "tobacco",
        STL_PUFF,
        "7,800 Puff Bar vape pens from Hong Kong mislabelled as 'Air Humidifier', to a residence.",
        _aed(
            HK_TRADER,
            MO_FLORISSANT,
            [_p("Air Humidifier", 7800, 180.0, "390.00", "8509.80")],
            sent_at=_t(D, 10, 40),
            mail_class="other",
            gross=195.0,
        ),
    ),
    _s(
        "tob-chicago-atomizers",
        "tobacco",
        CHICAGO_ENDS_2024,
        "179 boxes of ENDS from China labelled 'electronic atomizers', to a "
        "Mississippi wholesaler.",
        _aed(
            CN_TRADING,
            MS_WHOLESALE,
            [_p("electronic atomizers", 300, 24.0, "150.00", "8543.70")],
            sent_at=_t(D, 10, 50),
            mail_class="other",
        ),
    ),
    _s(
        "tob-ohare-batteries",
        "tobacco",
        OHARE_VAPE_BATTERIES,
        "Vape pens from Hong Kong manifested as lithium-ion batteries to avoid detection.",
        _aed(
            HK_ELEC,
            IL_VAPE,
            [_p("lithium ion batteries", 500, 30.0, "250.00", "8507.60")],
            sent_at=_t(D, 11, 0),
            mail_class="other",
        ),
    ),
    _s(
        "tob-juul-electrical",
        "tobacco",
        INDY_JUUL,
        "Juul pods shipped from Ontario to New York and New Jersey labelled "
        "'electrical apparatus'.",
        _aed(
            CA_VAPE,
            NY_JUUL,
            [_p("electrical apparatus", 400, 6.0, "80.00", "8543.70")],
            sent_at=_t(D, 11, 10),
        ),
    ),
    _s(
        "tob-cigarettes-fish",
        "tobacco",
        DULLES_CIGS_2012,
        "Cartons of Vietnamese cigarettes wrapped in blankets under dried "
        "fish; only fish declared.",
        _aed(
            VN_PERSON,
            VA_HOME,
            [
                _p("dried fish", 2, 2.0, "20.00", "0305.59"),
                _p("blankets", 2, 3.0, "15.00", "6301.40"),
            ],
            sent_at=_t(D, 11, 20),
            category="gift",
            gross=14.0,
        ),
    ),
    _s(
        "tob-cigarettes-clothes",
        "tobacco",
        CBP_TOBACCO_GENERAL,
        "Commercial quantities of cigarettes need a TTB permit and FDA labelling; sent as clothes.",
        _aed(
            UA_PERSON,
            NY_JUUL,
            [_p("used clothes", 1, 9.0, "30.00", "6309.00")],
            sent_at=_t(D, 11, 30),
            category="gift",
            gross=10.0,
        ),
    ),
    # --- currency ----------------------------------------------------------------------------
    _s(
        "cur-photo-paper",
        "currency",
        HOUSTON_PHOTO_PAPER,
        "$100 bills lined within eight packages of photo paper.",
        _aed(
            KR_PERSON,
            TX_HOUSTON,
            [_p("photo paper A4", 8, 2.2, "16.00", "3703.10")],
            sent_at=_t(D, 11, 40),
            category="gift",
        ),
    ),
    _s(
        "cur-documents-envelope",
        "currency",
        CBP_CURRENCY_GENERAL,
        "Over $10,000 in currency must be reported; bundles sent as "
        "'documents' in a thick envelope.",
        _aed(
            SO_KE_PERSON,
            IL_SKOKIE,
            [_p("documents", 1, 0.9, "0.00")],
            sent_at=_t(D, 11, 50),
            mail_class="letter",
            category="documents",
            gross=1.0,
        ),
    ),
    # --- wildlife ----------------------------------------------------------------------------
    _s(
        "wl-lax-baby-croc",
        "wildlife",
        LAX_IMF_WILDLIFE,
        "LAX IMF held taxidermy baby crocodiles, turtle skulls and skins sent by air mail.",
        _aed(
            TH_PERSON,
            CA_LA_HOME,
            [_p("handicraft souvenir", 1, 0.8, "15.00", "9705.21")],
            sent_at=_t(D, 12, 0),
            category="gift",
        ),
    ),
    _s(
        "wl-lax-seahorses",
        "wildlife",
        LAX_IMF_WILDLIFE,
        "Among 4,227 detained wildlife items: dried seahorses and shark cartilage from Asia.",
        _aed(
            VN_PERSON,
            CA_LA_HOME,
            [_p("dried seafood", 1, 0.5, "10.00", "0308.90")],
            sent_at=_t(D, 12, 10),
            category="gift",
        ),
    ),
    _s(
        "wl-dallas-turtle-boots",
        "wildlife",
        DALLAS_TURTLE_BOOTS,
        "Express shipment with boots of sea turtle and arapaima and a sea-turtle belt (CITES).",
        _aed(
            MX_PERSON2,
            TX_BOOTS,
            [
                _p("leather boots", 3, 3.6, "90.00", "6403.91"),
                _p("belt", 1, 0.3, "15.00", "4203.30"),
            ],
            sent_at=_t(D, 12, 20),
            mail_class="ems",
        ),
    ),
    _s(
        "wl-philly-taxidermy-birds",
        "wildlife",
        PHILLY_TAXIDERMY,
        "From the UK: six taxidermied birds on a branch (bowerbirds, cotinga, roller, oriole).",
        _aed(
            GB_TAXIDERMY,
            NY_ONONDAGA,
            [_p("home decor", 1, 2.0, "45.00", "9701.99")],
            sent_at=_t(D, 12, 30),
        ),
    ),
    _s(
        "wl-finch-sculpture",
        "wildlife",
        PHILLY_FINCH,
        "Manifested as 'bird sculpture' from the Netherlands: a taxidermied red siskin (CITES I).",
        _aed(
            NL_TAXIDERMY,
            GA_ATLANTA,
            [_p("bird sculpture", 1, 0.4, "20.00", "9703.90")],
            sent_at=_t(D, 12, 40),
            mail_class="ems",
        ),
    ),
    # --- unapproved and controlled pharmaceuticals -------------------------------------------
    _s(
        "ud-tramadol-dallas-toys",
        "unapproved-drug",
        CHICAGO_TRAMADOL_DALLAS,
        "Two packages from Mexico, both to one Dallas residence, declared "
        "'Plastics, Decorations, and Toys'.",
        _aed(
            MX_PERSON2,
            TX_DALLAS2,
            [_p("Plastics, Decorations, and Toys", 1, 9.0, "20.00", "9503.00")],
            sent_at=_t(D, 13, 0),
            category="gift",
        ),
        _aed(
            MX_PERSON,
            TX_DALLAS2,
            [_p("Plastics, Decorations, and Toys", 1, 9.5, "20.00", "9503.00")],
            sent_at=_t(D, 13, 30),
            category="gift",
        ),
    ),
    _s(
        "ud-tramadol-b12",
        "unapproved-drug",
        SHREVEPORT_TRAMADOL,
        "Manifested as B12 vitamins from Guatemala; 830 tramadol capsules and tablets.",
        _aed(
            GT_PERSON,
            TX_LONGVIEW,
            [_p("B12 Vitamins", 6, 0.6, "12.00", "2936.26")],
            sent_at=_t(D, 13, 10),
            mail_class="ems",
            category="gift",
        ),
    ),
    _s(
        "ud-tramadol-kidney-bean",
        "unapproved-drug",
        BOSTON_TRAMADOL,
        "Labelled a kidney bean health supplement from Thailand; 1,000+ tramadol capsules.",
        _aed(
            TH_SHOP,
            MA_HOME,
            [_p("kidney bean health supplement", 10, 0.3, "15.00", "2106.90")],
            sent_at=_t(D, 13, 20),
            mail_class="ems",
        ),
    ),
    _s(
        "ud-tramadol-cakes",
        "unapproved-drug",
        PHILLY_CAKES,
        "From London, manifested 'garments'; Indian sweets boxes hid 10,000 "
        "tramadol 100 mg tablets.",
        _aed(
            GB_SHOP,
            WV_HOME,
            [_p("garments", 4, 2.0, "30.00", "6206.30"), _p("sweets", 2, 2.5, "10.00", "1704.90")],
            sent_at=_t(D, 13, 40),
            category="gift",
        ),
    ),
    _s(
        "ud-tapentadol-india",
        "unapproved-drug",
        OHARE_TAPENTADOL,
        "1,785 IMF parcels of tapentadol in six months, mostly shipped from India to US addresses.",
        _aed(
            IN_PHARMA,
            NC_HOME,
            [_p("herbal medicine", 1, 0.7, "9.00", "3004.90")],
            sent_at=_t(D, 13, 50),
            mail_class="other",
        ),
    ),
    _s(
        "ud-xanax-household",
        "unapproved-drug",
        CINCY_XANAX,
        "From Britain, manifested as household goods; 63 bottles of 'Xanax XR "
        "2mg' in a foil-lined box.",
        _aed(
            GB_PERSON,
            TX_HOME,
            [_p("household goods", 1, 4.0, "25.00")],
            sent_at=_t(D, 14, 0),
            mail_class="ems",
        ),
    ),
    _s(
        "ud-herbal-candy",
        "unapproved-drug",
        MSP_HERBAL_CANDY,
        "Manifested 'Herbal Candy' from Thailand; 9,156 pills of assorted "
        "medications, commercial qty.",
        _aed(
            TH_SHOP,
            MN_STPAUL,
            [_p("Herbal Candy", 5, 4.5, "30.00", "1704.90")],
            sent_at=_t(D, 14, 10),
            category="gift",
        ),
    ),
    _s(
        "ud-tadalafil-generic",
        "unapproved-drug",
        CINCY_TADALAFIL,
        "From India manifested 'Harmless Generic Medicine'; 8,000+ counterfeit tadalafil tablets.",
        _aed(
            IN_PERSON,
            FL_MIAMI,
            [_p("Harmless Generic Medicine", 1, 2.5, "40.00", "3004.90")],
            sent_at=_t(D, 14, 20),
            mail_class="ems",
        ),
    ),
    # --- steroids ----------------------------------------------------------------------------
    _s(
        "st-dulles-london-batch",
        "steroids",
        DULLES_STEROIDS,
        "22 parcels from London in one day's mail held anabolic steroids for "
        "addresses in 8 states.",
        _aed(
            GB_GYM,
            GA_HOME,
            [_p("sports nutrition", 1, 0.3, "10.00", "2106.90")],
            sent_at=_t(D, 14, 30),
            mail_class="other",
        ),
        _aed(
            GB_GYM,
            FL_GYM,
            [_p("sports nutrition", 1, 0.25, "10.00", "2106.90")],
            sent_at=_t(D, 14, 31),
            mail_class="other",
        ),
        _aed(
            GB_GYM,
            NC_HOME,
            [_p("sports nutrition", 1, 0.28, "10.00", "2106.90")],
            sent_at=_t(D, 14, 33),
            mail_class="other",
        ),
        _aed(
            GB_GYM,
            VA_HOME,
            [_p("sports nutrition", 1, 0.26, "10.00", "2106.90")],
            sent_at=_t(D, 14, 34),
            mail_class="other",
        ),
    ),
    _s(
        "st-flushing-reship",
        "steroids",
        LOUISVILLE_TESTOSTERONE,
        "Hong Kong boxes to Flushing, NY, each holding smaller pre-labelled "
        "boxes for US addresses.",
        _aed(
            HK_PERSON,
            NY_FLUSHING,
            [_p("cosmetics", 40, 17.0, "120.00", "3304.99")],
            sent_at=_t(D, 14, 40),
            mail_class="other",
            gross=19.0,
        ),
    ),
    _s(
        "st-brake-pads",
        "steroids",
        SARNIA_BRAKE_PADS,
        "Express package from London manifested as automotive brake pads; 60 vials of steroids.",
        _aed(
            GB_PERSON,
            FL_MIAMI,
            [_p("automotive brake pads", 1, 1.5, "35.00", "8708.30")],
            sent_at=_t(D, 14, 50),
            mail_class="ems",
        ),
    ),
    # --- supplements -------------------------------------------------------------------------
    _s(
        "sup-dnp-chocolate",
        "supplement",
        DUTCH_DNP,
        "DNP powder and capsules from Hong Kong in parcel post mislabelled as 'chocolate powder'.",
        _aed(
            HK_PERSON,
            NV_HOME,
            [_p("chocolate powder", 1, 0.6, "8.00", "1806.10")],
            sent_at=_t(D, 15, 0),
            mail_class="other",
            category="gift",
        ),
    ),
    _s(
        "sup-kratom-soil",
        "supplement",
        DETROIT_KRATOM,
        "Kratom of China origin manifested as 'botanical soils' from Canada; "
        "classification mismatch.",
        _aed(
            CA_BOTANIC,
            OH_HOME,
            [_p("botanical soils", 1, 20.0, "30.00", "2530.90", "CN")],
            sent_at=_t(D, 15, 10),
        ),
    ),
    # --- other controlled substances and paraphernalia ----------------------------------------
    _s(
        "on-khat-document-procedures",
        "other-narcotic",
        PHILLY_KHAT_2014,
        "Parcel manifested as 'document procedures' held 22 lb of khat, to Skokie, IL.",
        _aed(
            SO_KE_PERSON,
            IL_SKOKIE,
            [_p("document procedures", 1, 10.0, "0.00")],
            sent_at=_t(D, 15, 20),
            mail_class="ems",
            category="documents",
            gross=10.2,
        ),
    ),
    _s(
        "on-khat-junior-bags",
        "other-narcotic",
        PHILLY_KHAT_2014,
        "Parcel manifested as 'Adidas junior bags' to Cromwell, CT held 24 lb of khat.",
        _aed(
            SO_KE_PERSON,
            CT_CROMWELL,
            [_p("Adidas junior bags", 3, 10.5, "15.00", "4202.92")],
            sent_at=_t(D, 15, 30),
            mail_class="ems",
            gross=11.0,
        ),
    ),
    _s(
        "on-gbl-printer-ink",
        "other-narcotic",
        ABQ_GBL,
        "'Cyan printer ink' from the same Shanghai address as 10 earlier seizures held GBL.",
        _aed(
            CN_CHEM2,
            NM_ARTESIA,
            [_p("cyan computer printer ink", 1, 0.9, "10.00", "3215.90")],
            sent_at=_t(D, 15, 40),
            mail_class="ems",
        ),
    ),
    _s(
        "on-ketamine-gift-boxes",
        "other-narcotic",
        INDY_KETAMINE,
        "Two shipments from Madrid of gift boxes with shirts; ketamine inside the box flaps.",
        _aed(
            ES_PERSON,
            CA_KETAMINE,
            [_p("gift box with shirts", 3, 6.0, "45.00", "6205.20")],
            sent_at=_t(D, 15, 50),
            mail_class="ems",
            category="gift",
        ),
        _aed(
            ES_PERSON,
            CA_KETAMINE2,
            [_p("gift box with shirts", 3, 6.5, "45.00", "6205.20")],
            sent_at=_t(D, 15, 55),
            mail_class="ems",
            category="gift",
        ),
    ),
    _s(
        "par-quartz-bangers",
        "paraphernalia",
        CHICAGO_BANGERS,
        "Shipments manifested 'glass adapters' from Hong Kong held 2,500 quartz banger nails each.",
        _aed(
            HK_TRADER,
            IL_GLENDALE,
            [_p("glass adapters", 2500, 35.0, "250.00", "7020.00")],
            sent_at=_t(D, 16, 0),
            mail_class="other",
            gross=38.0,
        ),
    ),
    # --- drop addresses ----------------------------------------------------------------------
    _s(
        "da-camden-six",
        "drop-address",
        CINCY_83_SHIPMENTS,
        "Six China-origin fentanyl shipments were addressed to a single individual in Camden, NJ.",
        *[
            _aed(
                sender,
                NJ_CAMDEN | {"name": name},
                [_p(desc, 1, kg, value, hs)],
                sent_at=_t(D, 16, minute),
                mail_class="ems",
            )
            for sender, name, desc, kg, value, hs, minute in (
                (CN_CHEM2, "Kevin Morris", "silicon resin", 1.0, "8.00", "3910.00", 5),
                (CN_MACHINE2, "K. Morris", "hardware nuts", 1.1, "6.00", "7318.16", 20),
                (CN_TRADING, "Kevin Moris", "snap hooks", 0.9, "5.00", "7326.90", 41),
                (CN_CHEM3, "Kevin Morris", "plastic sheet samples", 1.0, "3.00", "3920.10", 58),
                (CN_CHEM, "Kev Morris", "nano-hydrophobic coating", 1.2, "9.00", "3208.90", 75),
                (CN_PERSON3, "Kevin Morris", "snap hooks", 0.8, "5.00", "7326.90", 96),
            )
        ],
    ),
    _s(
        "da-commercial-unit-pa",
        "drop-address",
        PSI_2018,
        "PSI: PA buyers ordered from China sellers by mail; modelled as several names at one unit.",
        _aed(
            CN_PERSON,
            PA_DROP,
            [_p("phone accessories", 1, 0.1, "4.00", "8517.79")],
            sent_at=_t(D, 17, 0),
            mail_class="other",
        ),
        _aed(
            CN_PERSON2,
            PA_DROP | {"name": "Steve Kowalsky"},
            [_p("sample", 1, 0.1, "1.00")],
            sent_at=_t(D, 17, 40),
            mail_class="other",
            category="commercial_sample",
        ),
        _aed(
            CN_CHEM,
            PA_DROP | {"name": "Amanda Kowalski"},
            [_p("chemical reagent", 1, 0.2, "5.00", "3822.90")],
            sent_at=_t(D, 18, 25),
            mail_class="ems",
        ),
        _aed(
            HK_PERSON,
            PA_DROP | {"name": "S Kowalski"},
            [_p("gift", 1, 0.1, "5.00")],
            sent_at=_t(D, 19, 5),
            mail_class="other",
            category="gift",
        ),
    ),
    _s(
        "da-columbus-unit",
        "drop-address",
        GAO_20_229R,
        "CBP targets on AED such as the recipient's address and the contents' description.",
        _aed(
            CN_TRADING,
            OH_DROP,
            [_p("LED light", 1, 0.2, "3.00", "9405.42")],
            sent_at=_t(D, 20, 0),
            mail_class="other",
        ),
        _aed(
            CN_PERSON3,
            OH_DROP | {"name": "Michael Jones"},
            [_p("clothes", 1, 0.3, "5.00")],
            sent_at=_t(D, 20, 45),
            mail_class="other",
            category="gift",
        ),
        _aed(
            HK_TRADER,
            OH_DROP | {"name": "M. Jones"},
            [_p("accessories", 1, 0.2, "2.00")],
            sent_at=_t(D, 21, 30),
            mail_class="other",
        ),
    ),
    _s(
        "da-forwarder-mixed",
        "drop-address",
        DHS_OIG_2023,
        "OIG: CBP did not validate inaccurate AED; modelled as vague lines to a reshipper suite.",
        _aed(
            CN_CHEM3,
            FORWARDER,
            [_p("goods", 1, 0.6, "6.00")],
            sent_at=_t(D, 21, 45),
            mail_class="other",
        ),
        _aed(
            CN_MACHINE,
            FORWARDER | {"name": "Jenny L."},
            [_p("parts", 2, 1.5, "10.00")],
            sent_at=_t(D, 22, 10),
            mail_class="other",
        ),
    ),
]


# --- ordinary traffic --------------------------------------------------------------------------
# (sender, addressee, mail class, category, pieces, note). All on the facility day after `D`.

_S = {
    "gb": _party("Margaret Collins", "12 Rose Terrace", "York", "GB"),
    "gb_shop": _party("Waterstones Online", "203 Piccadilly", "London", "GB"),
    "de": _party("Katrin Schulz", "Lindenstr. 5", "Hamburg", "DE"),
    "de_shop": _party("Motorrad Teile Weber GmbH", "Industriestr. 22", "Stuttgart", "DE"),
    "fr": _party("Camille Bernard", "9 rue de la Paix", "Lyon", "FR"),
    "fr_shop": _party("Maison Lavande SARL", "3 place du Marché", "Grasse", "FR"),
    "it": _party("Marco Rossi", "Via Garibaldi 14", "Bologna", "IT"),
    "it_mill": _party("Lanificio Biellese S.p.A.", "Via Cernaia 3", "Biella", "IT"),
    "es": _party("Lucía Fernández", "Calle Mayor 8", "Sevilla", "ES"),
    "nl": _party("Femke Jansen", "Biltstraat 40", "Utrecht", "NL"),
    "pl": _party("Agnieszka Wiśniewska", "ul. Długa 17", "Gdańsk", "PL"),
    "ie": _party("Siobhan Murphy", "4 Harbour Rd", "Cork", "IE"),
    "se": _party("Elin Lindqvist", "Storgatan 3", "Uppsala", "SE"),
    "jp": _party("Tanaka Haruki", "1-4-2 Umeda", "Osaka", "JP"),
    "jp_shop": _party("Kyoto Tea Garden Co.", "35 Sanjo-dori", "Kyoto", "JP"),
    "kr": _party("Lee Soo-jin", "12 Gangnam-daero", "Seoul", "KR"),
    "kr_shop": _party("Seoul Beauty Mall", "88 Myeongdong-gil", "Seoul", "KR"),
    "cn_shop": _party("Dongguan Meilin Electronics Co., Ltd.", "15 Dongcheng Rd", "Dongguan", "CN"),
    "cn_toy": _party("Shantou Happy Toys Factory", "8 Chenghai Rd", "Shantou", "CN"),
    "cn_cloth": _party("Hangzhou Silk Road Apparel Co.", "66 Yan'an Rd", "Hangzhou", "CN"),
    "cn_mom": _party("Zhao Li", "21 Xuefu Rd", "Harbin", "CN"),
    "hk_shop": _party("Kowloon Camera Supplies Ltd.", "Shop 4, 30 Stanley St", "Central", "HK"),
    "in": _party("Anita Desai", "22 Park St", "Kolkata", "IN"),
    "in_shop": _party("Jaipur Block Prints", "14 MI Rd", "Jaipur", "IN"),
    "ph": _party("Josefina Cruz", "9 Aguinaldo St", "Cebu City", "PH"),
    "vn": _party("Pham Minh Chau", "7 Tran Hung Dao", "Da Nang", "VN"),
    "mx": _party("Guadalupe Hernández", "Calle Morelos 55", "Oaxaca", "MX"),
    "ca": _party("Emily Wilson", "45 Queen St", "Halifax", "CA"),
    "ca_shop": _party("Maple Leaf Books", "200 Spadina Ave", "Toronto", "CA"),
    "au": _party("Chloe Taylor", "18 Beach Rd", "Brisbane", "AU"),
    "nz": _party("Aroha Ngata", "5 Cuba St", "Wellington", "NZ"),
    "br": _party("Ana Souza", "Rua Augusta 900", "São Paulo", "BR"),
    "tw": _party("Chang Wei-lun", "No. 12, Ln. 5, Minsheng Rd", "Taichung", "TW"),
    "th": _party("Nattaya Srisuk", "23 Nimman Rd", "Chiang Mai", "TH"),
    "tr": _party("Zeynep Demir", "İstiklal Cd. 80", "Istanbul", "TR"),
    "il": _party("Noa Levi", "Herzl St 10", "Haifa", "IL"),
    "ch": _party("Uhrenatelier Meier", "Bahnhofstr. 40", "Zürich", "CH"),
    "dk": _party("LEGO System A/S", "Aastvej 1", "Billund", "DK"),
    "ua": _party("Iryna Shevchenko", "vul. Franka 12", "Lviv", "UA"),
    "ng": _party("Ngozi Eze", "12 Awolowo Rd", "Lagos", "NG"),
    "gh": _party("Kwame Mensah", "3 Oxford St", "Accra", "GH"),
    "pe": _party("Rosa Quispe", "Av. El Sol 210", "Cusco", "PE"),
    "co": _party("Andrés Gómez", "Carrera 7 No. 45-10", "Bogotá", "CO"),
    "gr": _party("Eleni Papadopoulou", "Ermou 30", "Athens", "GR"),
    "pt": _party("João Silva", "Rua das Flores 20", "Porto", "PT"),
    "at": _party("Universität Wien, Studienservice", "Universitätsring 1", "Wien", "AT"),
}
_A = {
    "ny": _us("Rachel Green", "210 W 82nd St Apt 3C", "New York", "NY", "10024"),
    "nyb": _us("Daniel Cohen", "455 Ocean Pkwy", "Brooklyn", "NY", "11218"),
    "ca": _us("Megan Lee", "3021 Telegraph Ave", "Berkeley", "CA", "94705"),
    "cala": _us("Sofia Martinez", "1350 N Vermont Ave", "Los Angeles", "CA", "90027"),
    "tx": _us("Hannah Moore", "5600 Burnet Rd", "Austin", "TX", "78756"),
    "il": _us("Olivia Novak", "1840 W Chicago Ave", "Chicago", "IL", "60622"),
    "wa": _us("Priya Raman", "1012 NE 65th St", "Seattle", "WA", "98115"),
    "ma": _us("Thomas O'Brien", "56 Pleasant St", "Cambridge", "MA", "02139"),
    "fl": _us("Grace Kim", "790 Brickell Plaza", "Miami", "FL", "33131"),
    "co": _us("Jacob Miller", "2250 Pearl St", "Boulder", "CO", "80302"),
    "mn": _us("Ingrid Larson", "4120 Bryant Ave S", "Minneapolis", "MN", "55409"),
    "ga": _us("Aisha Johnson", "1420 Dekalb Ave NE", "Atlanta", "GA", "30307"),
    "oh": _us("Nathan Walsh", "315 E Main St", "Columbus", "OH", "43215"),
    "pa": _us("Emily Schwartz", "4701 Pine St", "Philadelphia", "PA", "19143"),
    "az": _us("Maria Lopez", "2901 N Central Ave", "Phoenix", "AZ", "85012"),
    "nc": _us("Chris Parker", "810 W Main St", "Durham", "NC", "27701"),
    "or": _us("Zoe Anderson", "3500 SE Hawthorne Blvd", "Portland", "OR", "97214"),
    "mi": _us("Andrew Kowalczyk", "2200 Michigan Ave", "Detroit", "MI", "48216"),
    "va": _us("Linh Tran", "6100 Columbia Pike", "Falls Church", "VA", "22041"),
    "nj": _us("Rahul Mehta", "150 Bergen Ave", "Jersey City", "NJ", "07305"),
    "garage": _us("Dave's Moto Repair", "4410 Airport Blvd", "Austin", "TX", "78722"),
    "studio": _us("Hollis Design Studio", "601 W 26th St Ste 1210", "New York", "NY", "10001"),
    "library": _us(
        "Acquisitions Dept., Regenstein Library", "1100 E 57th St", "Chicago", "IL", "60637"
    ),
    "bakery": _us("Sweet Loaf Bakery", "72 Main St", "Northampton", "MA", "01060"),
    "school": _us(
        "Admissions Office, Ohio State University", "281 W Lane Ave", "Columbus", "OH", "43210"
    ),
    "clinic": _us("Dr. Helen Brooks", "1500 San Pablo St", "Los Angeles", "CA", "90033"),
}

_ORDINARY_ROWS: list[tuple[str, str, str, str, list[dict[str, Any]], str]] = [
    (
        "gb",
        "ny",
        "parcel",
        "gift",
        [_p("hand-knitted wool jumper", 1, 0.6, "40.00", "6110.11")],
        "knitted jumper from grandmother",
    ),
    (
        "gb_shop",
        "library",
        "parcel",
        "sale_of_goods",
        [_p("hardback books, history", 6, 4.8, "132.00", "4901.99")],
        "library book order",
    ),
    (
        "gb",
        "ma",
        "letter",
        "documents",
        [_p("birth certificate copy and letter", 1, 0.03, None)],
        "documents in a letter",
    ),
    (
        "de",
        "il",
        "parcel",
        "gift",
        [
            _p("Christmas stollen cake", 1, 1.0, "18.00", "1905.90"),
            _p("wooden nutcracker ornament", 1, 0.4, "25.00", "4420.90"),
        ],
        "Christmas gift box",
    ),
    (
        "de_shop",
        "garage",
        "parcel",
        "sale_of_goods",
        [
            _p("motorcycle fuel filter, OEM 16 14 7 673 227", 4, 0.4, "48.00", "8421.23"),
            _p("oil filter HF164", 4, 0.8, "36.00", "8421.23"),
        ],
        "genuine motorcycle filters to a repair shop",
    ),
    (
        "fr",
        "ny",
        "parcel",
        "gift",
        [_p("powder blue silk scarf", 1, 0.1, "55.00", "6214.10")],
        "scarf gift",
    ),
    (
        "fr_shop",
        "ca",
        "parcel",
        "sale_of_goods",
        [
            _p("lavender soap bars", 6, 0.6, "30.00", "3401.11"),
            _p("dried lavender sachets", 4, 0.2, "16.00", "0604.20"),
        ],
        "soap order",
    ),
    (
        "it",
        "nj",
        "parcel",
        "gift",
        [_p("espresso coffee, ground, 250 g", 4, 1.0, "24.00", "0901.21")],
        "coffee for family",
    ),
    (
        "it_mill",
        "studio",
        "parcel",
        "commercial_sample",
        [_p("wool fabric swatches 10x10 cm", 40, 0.5, "0.00", "5112.11")],
        "fabric swatches to a design studio",
    ),
    (
        "es",
        "fl",
        "parcel",
        "gift",
        [
            _p("Spanish olive oil 500 ml", 2, 1.1, "22.00", "1509.20"),
            _p("turrón nougat bars", 3, 0.6, "15.00", "1806.90"),
        ],
        "food gift",
    ),
    (
        "nl",
        "mn",
        "parcel",
        "sale_of_goods",
        [_p("tulip bulbs, dormant, 50 pcs", 1, 1.2, "28.00", "0601.10")],
        "bulbs with phytosanitary certificate",
    ),
    (
        "pl",
        "il",
        "parcel",
        "gift",
        [
            _p("children's picture books in Polish", 3, 1.2, "24.00", "4903.00"),
            _p("chocolate bars", 5, 0.5, "8.00", "1806.32"),
        ],
        "books for grandchildren",
    ),
    (
        "ie",
        "ma",
        "letter",
        "documents",
        [_p("letter and family photographs", 1, 0.05, None)],
        "letter with photos",
    ),
    (
        "se",
        "wa",
        "parcel",
        "sale_of_goods",
        [_p("wool socks, 3 pairs", 1, 0.3, "36.00", "6115.94")],
        "socks order",
    ),
    (
        "jp",
        "ca",
        "parcel",
        "gift",
        [_p("die-cast model car 1:43", 2, 0.6, "60.00", "9503.00")],
        "die-cast models for a collector",
    ),
    (
        "jp_shop",
        "wa",
        "parcel",
        "sale_of_goods",
        [_p("matcha green tea powder 100 g", 3, 0.3, "54.00", "0902.10")],
        "matcha order",
    ),
    (
        "kr_shop",
        "nj",
        "parcel",
        "sale_of_goods",
        [
            _p("sheet face masks, 10 pack", 3, 0.6, "30.00", "3304.99"),
            _p("sunscreen SPF50 50 ml", 2, 0.2, "24.00", "3304.99"),
        ],
        "K-beauty cosmetics order",
    ),
    (
        "kr",
        "va",
        "parcel",
        "gift",
        [_p("hanbok for child", 1, 0.5, "80.00", "6204.49")],
        "traditional dress for a niece",
    ),
    (
        "cn_shop",
        "tx",
        "parcel",
        "sale_of_goods",
        [_p("silicone phone case for iPhone 15", 2, 0.1, "9.98", "3926.90")],
        "phone case order",
    ),
    (
        "cn_shop",
        "oh",
        "parcel",
        "sale_of_goods",
        [_p("USB-C charging cable 2 m", 3, 0.2, "8.97", "8544.42")],
        "cables",
    ),
    (
        "cn_toy",
        "ga",
        "parcel",
        "sale_of_goods",
        [_p("plastic building blocks set 500 pcs", 1, 0.9, "19.99", "9503.00")],
        "toy bricks",
    ),
    (
        "cn_cloth",
        "cala",
        "parcel",
        "sale_of_goods",
        [_p("women's cotton summer dress", 2, 0.5, "31.98", "6204.42")],
        "dresses",
    ),
    (
        "cn_mom",
        "il",
        "parcel",
        "gift",
        [
            _p("dried shiitake mushrooms 500 g", 1, 0.5, "15.00", "0712.39"),
            _p("children's winter coat", 1, 0.8, "35.00", "6202.40"),
        ],
        "mother to daughter",
    ),
    (
        "hk_shop",
        "ny",
        "parcel",
        "sale_of_goods",
        [_p("35mm film camera, used, Olympus OM-1", 1, 0.9, "180.00", "9006.59")],
        "used camera purchase",
    ),
    (
        "in",
        "nj",
        "parcel",
        "gift",
        [
            _p("cotton saree", 2, 0.8, "60.00", "5208.52"),
            _p("homemade sweets, ladoo", 1, 0.5, "5.00", "1704.90"),
        ],
        "family gift for Diwali",
    ),
    (
        "in_shop",
        "or",
        "parcel",
        "sale_of_goods",
        [_p("block-printed cotton tablecloth", 2, 1.0, "44.00", "6302.51")],
        "tablecloths",
    ),
    (
        "ph",
        "ca",
        "parcel",
        "gift",
        [
            _p("dried mangoes 200 g", 6, 1.2, "18.00", "0813.40"),
            _p("T-shirts", 3, 0.6, "15.00", "6109.10"),
        ],
        "balikbayan-style gift",
    ),
    (
        "vn",
        "va",
        "parcel",
        "gift",
        [
            _p("Vietnamese coffee beans 500 g", 2, 1.0, "16.00", "0901.11"),
            _p("phin coffee filter", 2, 0.2, "6.00", "7323.93"),
        ],
        "coffee and filters",
    ),
    (
        "mx",
        "az",
        "parcel",
        "gift",
        [
            _p("embroidered blouse", 2, 0.4, "40.00", "6206.30"),
            _p("clay pottery mug", 2, 0.8, "12.00", "6912.00"),
        ],
        "crafts for family",
    ),
    (
        "ca",
        "mi",
        "parcel",
        "gift",
        [_p("maple syrup 500 ml", 2, 1.4, "24.00", "1702.20")],
        "maple syrup",
    ),
    (
        "ca_shop",
        "library",
        "parcel",
        "sale_of_goods",
        [_p("paperback novels", 8, 2.8, "96.00", "4901.99")],
        "book order",
    ),
    (
        "au",
        "co",
        "parcel",
        "gift",
        [
            _p("Tim Tam biscuits", 4, 0.8, "16.00", "1905.32"),
            _p("kangaroo plush toy", 1, 0.2, "15.00", "9503.00"),
        ],
        "gift from Australia",
    ),
    (
        "nz",
        "or",
        "parcel",
        "sale_of_goods",
        [_p("merino wool beanie", 1, 0.1, "35.00", "6505.00")],
        "hat",
    ),
    (
        "br",
        "fl",
        "parcel",
        "gift",
        [_p("havaianas flip-flops", 2, 0.5, "30.00", "6402.20")],
        "sandals gift",
    ),
    (
        "tw",
        "ca",
        "parcel",
        "sale_of_goods",
        [_p("mechanical keyboard switches, 90 pcs", 1, 0.3, "36.00", "8536.50")],
        "keyboard switches for a hobbyist",
    ),
    (
        "th",
        "wa",
        "parcel",
        "gift",
        [_p("Thai silk cushion covers", 4, 0.4, "32.00", "6304.92")],
        "cushion covers",
    ),
    (
        "tr",
        "nj",
        "parcel",
        "gift",
        [
            _p("Turkish delight lokum 500 g", 2, 1.0, "20.00", "1704.90"),
            _p("evil eye glass ornament", 3, 0.3, "9.00", "7018.10"),
        ],
        "sweets and ornaments",
    ),
    (
        "il",
        "ny",
        "letter",
        "documents",
        [_p("university transcript, sealed", 1, 0.05, None)],
        "transcript",
    ),
    (
        "ch",
        "ny",
        "ems",
        "returned_goods",
        [_p("wristwatch returned after service, owner's own", 1, 0.3, "0.00", "9102.11")],
        "watch back from service",
    ),
    (
        "dk",
        "ma",
        "parcel",
        "sale_of_goods",
        [_p("LEGO Technic set 42115", 1, 3.5, "449.99", "9503.00")],
        "toy order",
    ),
    (
        "ua",
        "pa",
        "letter",
        "documents",
        [_p("notarised power of attorney", 1, 0.04, None)],
        "legal document",
    ),
    (
        "ng",
        "tx",
        "letter",
        "documents",
        [_p("academic certificates, copies", 1, 0.1, None)],
        "certificates for evaluation",
    ),
    (
        "gh",
        "ga",
        "parcel",
        "gift",
        [_p("kente cloth stole", 1, 0.3, "45.00", "5208.59")],
        "graduation gift",
    ),
    (
        "pe",
        "az",
        "parcel",
        "gift",
        [_p("alpaca wool sweater", 1, 0.6, "70.00", "6110.19")],
        "sweater",
    ),
    (
        "co",
        "fl",
        "parcel",
        "gift",
        [_p("Colombian coffee beans 500 g", 2, 1.0, "20.00", "0901.11")],
        "coffee",
    ),
    (
        "gr",
        "ma",
        "parcel",
        "gift",
        [
            _p("olive wood cutting board", 1, 0.8, "25.00", "4419.19"),
            _p("dried oregano 50 g", 2, 0.1, "6.00", "1211.90"),
        ],
        "kitchen gift",
    ),
    (
        "pt",
        "nj",
        "parcel",
        "gift",
        [_p("hand-painted azulejo tiles", 4, 1.6, "40.00", "6907.40")],
        "tiles",
    ),
    (
        "at",
        "school",
        "letter",
        "documents",
        [_p("academic records", 1, 0.1, None)],
        "university records",
    ),
    (
        "gb",
        "studio",
        "parcel",
        "sale_of_goods",
        [_p("pressed flowers framed art print A4", 1, 0.7, "38.00", "4911.91")],
        "framed print",
    ),
    (
        "de",
        "bakery",
        "parcel",
        "sale_of_goods",
        [
            _p("silicone cake mold, 12 cavities", 3, 0.9, "27.00", "3924.10"),
            _p("cookie cutter set stainless", 2, 0.3, "14.00", "8215.99"),
        ],
        "baking tools",
    ),
    (
        "fr",
        "pa",
        "parcel",
        "gift",
        [
            _p(
                "Nespresso-compatible capsule coffee machine pods, 50 pcs",
                2,
                1.2,
                "30.00",
                "0901.21",
            )
        ],
        "coffee pods",
    ),
    (
        "cn_shop",
        "nc",
        "parcel",
        "sale_of_goods",
        [_p("kitchen scale digital 5 kg", 1, 0.6, "12.99", "8423.10")],
        "kitchen scale alone",
    ),
    (
        "cn_shop",
        "ga",
        "parcel",
        "sale_of_goods",
        [_p("garlic press stainless steel", 1, 0.3, "8.99", "8205.51")],
        "kitchen gadget",
    ),
    (
        "cn_shop",
        "mn",
        "parcel",
        "sale_of_goods",
        [_p("3-hole paper punch, office", 1, 0.9, "15.99", "8305.90")],
        "office hole punch",
    ),
    (
        "cn_shop",
        "oh",
        "parcel",
        "sale_of_goods",
        [_p("Nintendo Switch protective case", 1, 0.3, "14.99", "4202.32")],
        "game console case",
    ),
    (
        "jp_shop",
        "ny",
        "parcel",
        "sale_of_goods",
        [_p("sencha loose leaf green tea 200 g", 2, 0.4, "32.00", "0902.10")],
        "tea",
    ),
    (
        "gb_shop",
        "ma",
        "parcel",
        "sale_of_goods",
        [_p("vitamin C tablets 500 mg, 60 ct", 2, 0.2, "14.00", "2106.90")],
        "vitamins, retail packs",
    ),
    (
        "de",
        "co",
        "parcel",
        "sale_of_goods",
        [_p("bicycle brake pads, pair", 2, 0.1, "18.00", "8714.94")],
        "bike parts",
    ),
    (
        "it",
        "il",
        "parcel",
        "gift",
        [_p("Parmigiano Reggiano wedge 1 kg, vacuum packed", 1, 1.0, "30.00", "0406.90")],
        "cheese gift",
    ),
    (
        "es",
        "cala",
        "parcel",
        "sale_of_goods",
        [_p("flamenco dance shoes", 1, 0.9, "95.00", "6403.99")],
        "dance shoes",
    ),
    (
        "nl",
        "wa",
        "parcel",
        "sale_of_goods",
        [_p("Delft blue ceramic plate", 1, 0.7, "45.00", "6912.00")],
        "souvenir plate order",
    ),
    (
        "kr_shop",
        "tx",
        "parcel",
        "sale_of_goods",
        [_p("lip tint 4 g", 3, 0.1, "21.00", "3304.10")],
        "cosmetics",
    ),
    (
        "hk_shop",
        "ca",
        "parcel",
        "sale_of_goods",
        [
            _p("camera lens cap 52 mm", 2, 0.05, "10.00", "9002.20"),
            _p("camera battery NP-FW50", 1, 0.05, "25.00", "8507.60"),
        ],
        "camera accessories",
    ),
    (
        "in_shop",
        "nj",
        "parcel",
        "sale_of_goods",
        [_p("masala chai tea blend 250 g", 2, 0.5, "14.00", "0902.30")],
        "tea order",
    ),
    (
        "tw",
        "wa",
        "parcel",
        "sale_of_goods",
        [_p("bubble tea tapioca pearls, dried 1 kg", 2, 2.0, "16.00", "1903.00")],
        "tapioca pearls",
    ),
    (
        "cn_cloth",
        "ny",
        "parcel",
        "sale_of_goods",
        [_p("men's down jacket", 1, 1.1, "59.00", "6201.40")],
        "jacket",
    ),
    (
        "cn_toy",
        "tx",
        "parcel",
        "sale_of_goods",
        [_p("die-cast model airplane 1:200", 1, 0.4, "24.99", "9503.00")],
        "model airplane",
    ),
    (
        "cn_shop",
        "az",
        "parcel",
        "sale_of_goods",
        [_p("LED desk lamp", 1, 0.8, "22.99", "9405.21")],
        "lamp",
    ),
    (
        "cn_shop",
        "pa",
        "parcel",
        "sale_of_goods",
        [_p("wireless mouse", 1, 0.15, "11.99", "8471.60")],
        "mouse",
    ),
    (
        "cn_shop",
        "mi",
        "parcel",
        "sale_of_goods",
        [_p("tempered glass screen protector, 3 pack", 1, 0.1, "7.99", "7007.19")],
        "screen protectors",
    ),
    (
        "cn_shop",
        "ny",
        "parcel",
        "sale_of_goods",
        [_p("sewing pins with glass heads, 200 pcs", 1, 0.1, "5.99", "7319.90")],
        "sewing pins",
    ),
    (
        "cn_shop",
        "oh",
        "parcel",
        "sale_of_goods",
        [_p("humane mouse trap, 2 pack", 1, 0.3, "9.99", "3926.90")],
        "mouse trap",
    ),
    (
        "cn_shop",
        "nc",
        "parcel",
        "sale_of_goods",
        [_p("car phone holder vent mount", 1, 0.1, "8.99", "8708.29")],
        "car accessory",
    ),
    (
        "mx",
        "tx",
        "letter",
        "documents",
        [_p("apostilled marriage certificate", 1, 0.05, None)],
        "legal document",
    ),
    (
        "ph",
        "clinic",
        "letter",
        "documents",
        [_p("medical records copies", 1, 0.2, None)],
        "records for a doctor",
    ),
    (
        "gb",
        "fl",
        "parcel",
        "gift",
        [_p("Harry Potter book box set", 1, 2.2, "65.00", "4901.99")],
        "books",
    ),
    (
        "de",
        "ny",
        "parcel",
        "gift",
        [_p("Advent calendar with chocolate", 1, 0.5, "15.00", "1806.90")],
        "advent calendar",
    ),
    (
        "fr",
        "ga",
        "parcel",
        "sale_of_goods",
        [_p("perfume eau de toilette 50 ml", 1, 0.3, "68.00", "3303.00")],
        "perfume, normal price",
    ),
    (
        "it",
        "cala",
        "parcel",
        "sale_of_goods",
        [_p("leather wallet, made in Florence", 1, 0.2, "75.00", "4202.31")],
        "wallet, normal price",
    ),
    (
        "jp",
        "il",
        "parcel",
        "gift",
        [_p("Pokémon trading cards, sealed booster box", 1, 0.6, "110.00", "9504.40")],
        "trading cards",
    ),
    ("kr", "ga", "parcel", "gift", [_p("K-pop album CD", 2, 0.8, "40.00", "8523.49")], "albums"),
    (
        "vn",
        "cala",
        "parcel",
        "gift",
        [_p("ao dai silk dress", 1, 0.4, "60.00", "6204.49")],
        "dress",
    ),
    ("th", "ma", "parcel", "gift", [_p("Thai cookbook", 1, 0.9, "20.00", "4901.99")], "cookbook"),
    (
        "tr",
        "il",
        "parcel",
        "sale_of_goods",
        [_p("Turkish cotton towels, 2 pack", 1, 0.9, "38.00", "6302.60")],
        "towels",
    ),
    (
        "se",
        "mn",
        "parcel",
        "gift",
        [_p("Swedish Dala horse, painted wood", 1, 0.2, "30.00", "4420.10")],
        "souvenir",
    ),
    ("au", "ca", "letter", "documents", [_p("signed lease agreement", 1, 0.05, None)], "contract"),
    ("nz", "wa", "parcel", "gift", [_p("manuka honey 250 g", 2, 0.7, "45.00", "0409.00")], "honey"),
    (
        "br",
        "ny",
        "parcel",
        "sale_of_goods",
        [_p("açaí powder, freeze-dried 100 g", 2, 0.2, "30.00", "0811.90")],
        "superfood powder, labelled fruit",
    ),
    ("ca", "mn", "parcel", "gift", [_p("hockey jersey", 1, 0.5, "80.00", "6110.30")], "jersey"),
    (
        "pl",
        "mi",
        "parcel",
        "gift",
        [_p("amber pendant necklace", 1, 0.05, "45.00", "7116.20")],
        "jewellery gift",
    ),
    (
        "gr",
        "il",
        "letter",
        "documents",
        [_p("pension paperwork", 1, 0.05, None)],
        "pension documents",
    ),
    (
        "ua",
        "nyb",
        "parcel",
        "gift",
        [_p("embroidered vyshyvanka shirt", 1, 0.3, "50.00", "6205.20")],
        "shirt",
    ),
    (
        "in",
        "tx",
        "parcel",
        "gift",
        [_p("rakhi threads and greeting card", 1, 0.05, "4.00", "6307.90")],
        "rakhi",
    ),
    (
        "ie",
        "pa",
        "parcel",
        "gift",
        [_p("Aran knit cardigan", 1, 0.8, "90.00", "6110.11")],
        "cardigan",
    ),
    (
        "pt",
        "ma",
        "parcel",
        "sale_of_goods",
        [_p("cork yoga block", 2, 0.8, "30.00", "4504.90")],
        "yoga blocks",
    ),
    (
        "co",
        "nj",
        "parcel",
        "gift",
        [_p("mochila wayuu bag", 1, 0.4, "45.00", "4202.22")],
        "handbag, handmade",
    ),
    ("pe", "fl", "parcel", "gift", [_p("knitted chullo hat", 2, 0.3, "20.00", "6505.00")], "hats"),
    (
        "gh",
        "nyb",
        "parcel",
        "gift",
        [_p("shea butter, raw 500 g", 1, 0.5, "12.00", "1515.90")],
        "shea butter",
    ),
    (
        "ng",
        "ga",
        "parcel",
        "gift",
        [_p("ankara fabric 6 yards", 2, 1.2, "40.00", "5208.52")],
        "fabric",
    ),
    (
        "il",
        "nj",
        "parcel",
        "gift",
        [_p("Hanukkah menorah, brass", 1, 0.9, "45.00", "8306.29")],
        "menorah",
    ),
    (
        "cn_mom",
        "ca",
        "parcel",
        "gift",
        [
            _p("calligraphy scroll", 1, 0.4, "25.00", "9701.91"),
            _p("red envelopes", 20, 0.1, "2.00", "4817.10"),
        ],
        "New Year gift",
    ),
    (
        "cn_shop",
        "co",
        "parcel",
        "sale_of_goods",
        [_p("bike light set USB rechargeable", 1, 0.2, "16.99", "8512.10")],
        "bike lights",
    ),
    (
        "cn_shop",
        "or",
        "parcel",
        "sale_of_goods",
        [_p("aquarium air pump", 1, 0.5, "14.99", "8414.80")],
        "aquarium",
    ),
    (
        "cn_shop",
        "nj",
        "parcel",
        "sale_of_goods",
        [_p("bluetooth speaker, brand Anker Soundcore 2", 1, 0.5, "39.99", "8518.22")],
        "speaker, plausible price",
    ),
    (
        "cn_shop",
        "ma",
        "parcel",
        "sale_of_goods",
        [_p("gel pen set 24 colours", 1, 0.3, "9.99", "9608.10")],
        "stationery",
    ),
    (
        "cn_toy",
        "fl",
        "parcel",
        "sale_of_goods",
        [_p("plush teddy bear 40 cm", 1, 0.4, "15.99", "9503.00")],
        "teddy",
    ),
    (
        "cn_toy",
        "va",
        "parcel",
        "sale_of_goods",
        [_p("kids magnetic drawing board", 1, 0.5, "12.99", "9503.00")],
        "toy",
    ),
    (
        "cn_cloth",
        "tx",
        "parcel",
        "sale_of_goods",
        [_p("yoga leggings", 2, 0.4, "25.98", "6104.63")],
        "leggings",
    ),
    (
        "cn_cloth",
        "il",
        "parcel",
        "sale_of_goods",
        [_p("wool blend winter gloves", 1, 0.1, "12.99", "6116.99")],
        "gloves",
    ),
    (
        "hk_shop",
        "tx",
        "parcel",
        "sale_of_goods",
        [_p("tripod, aluminium, 150 cm", 1, 1.4, "45.00", "9620.00")],
        "tripod",
    ),
    (
        "jp",
        "ny",
        "letter",
        "documents",
        [_p("visa application documents", 1, 0.1, None)],
        "visa papers",
    ),
    (
        "de_shop",
        "garage",
        "parcel",
        "sale_of_goods",
        [_p("motorcycle exhaust silencer, EU-type approved", 1, 4.0, "320.00", "8714.10")],
        "exhaust for a motorcycle repair shop",
    ),
    (
        "de",
        "va",
        "parcel",
        "gift",
        [_p("Playmobil figure set", 1, 0.6, "25.00", "9503.00")],
        "toy gift",
    ),
    (
        "fr",
        "ny",
        "letter",
        "documents",
        [_p("signed book contract", 1, 0.05, None)],
        "publishing contract",
    ),
    ("es", "az", "parcel", "gift", [_p("paella pan 34 cm", 1, 1.2, "25.00", "7323.99")], "pan"),
    (
        "nl",
        "ny",
        "parcel",
        "sale_of_goods",
        [_p("stroopwafels 8 pack", 4, 1.2, "20.00", "1905.32")],
        "cookies",
    ),
    (
        "it_mill",
        "studio",
        "parcel",
        "commercial_sample",
        [_p("cashmere yarn cones, sample colours", 5, 1.0, "25.00", "5108.10")],
        "yarn samples with proper HS code",
    ),
    (
        "gb_shop",
        "ca",
        "parcel",
        "sale_of_goods",
        [_p("tea towels, linen", 3, 0.3, "27.00", "6302.91")],
        "tea towels",
    ),
    (
        "kr_shop",
        "wa",
        "parcel",
        "sale_of_goods",
        [_p("snail mucin essence 100 ml", 1, 0.2, "18.00", "3304.99")],
        "cosmetic, retail pack",
    ),
    (
        "jp_shop",
        "ca",
        "parcel",
        "sale_of_goods",
        [_p("hojicha roasted tea 100 g", 2, 0.2, "22.00", "0902.10")],
        "tea",
    ),
    (
        "in_shop",
        "il",
        "parcel",
        "sale_of_goods",
        [_p("incense sticks, sandalwood, 10 boxes", 1, 0.5, "15.00", "3307.41")],
        "incense",
    ),
    (
        "mx",
        "cala",
        "parcel",
        "gift",
        [_p("Day of the Dead sugar skull ornaments, ceramic", 3, 0.6, "18.00", "6913.90")],
        "ornaments",
    ),
    (
        "ca_shop",
        "mn",
        "parcel",
        "sale_of_goods",
        [_p("graphic novels", 3, 1.5, "60.00", "4901.99")],
        "comics",
    ),
    (
        "au",
        "nc",
        "parcel",
        "sale_of_goods",
        [_p("ugg boots, sheepskin, Australian made", 1, 1.3, "180.00", "6403.91")],
        "boots at retail price",
    ),
    (
        "th",
        "cala",
        "parcel",
        "sale_of_goods",
        [_p("Thai curry paste 400 g", 3, 1.3, "15.00", "2103.90")],
        "food",
    ),
    (
        "vn",
        "tx",
        "parcel",
        "gift",
        [_p("lacquer jewellery box", 1, 0.5, "25.00", "4420.90")],
        "box",
    ),
    ("ph", "nj", "parcel", "gift", [_p("capiz shell lamp", 1, 1.0, "35.00", "9405.21")], "lamp"),
    (
        "tw",
        "ny",
        "parcel",
        "sale_of_goods",
        [_p("pineapple cakes 10 pcs", 2, 1.0, "30.00", "1905.90")],
        "pastries",
    ),
    (
        "tr",
        "az",
        "parcel",
        "sale_of_goods",
        [_p("copper coffee pot cezve", 1, 0.4, "25.00", "7418.10")],
        "coffee pot",
    ),
    (
        "br",
        "ma",
        "letter",
        "documents",
        [_p("diploma, certified translation", 1, 0.1, None)],
        "diploma",
    ),
    ("pl", "il", "letter", "documents", [_p("Christmas card", 1, 0.02, None)], "card"),
    (
        "se",
        "ny",
        "parcel",
        "sale_of_goods",
        [_p("Swedish dishcloths, 5 pack", 1, 0.1, "20.00", "6307.10")],
        "dishcloths",
    ),
    (
        "dk",
        "nyb",
        "parcel",
        "sale_of_goods",
        [_p("LEGO Duplo train set", 1, 1.8, "89.99", "9503.00")],
        "toy order",
    ),
    (
        "ch",
        "ma",
        "parcel",
        "gift",
        [_p("Swiss chocolate assortment 500 g", 2, 1.0, "30.00", "1806.32")],
        "chocolate",
    ),
    (
        "ie",
        "ny",
        "parcel",
        "gift",
        [_p("Irish whiskey cake", 1, 1.0, "25.00", "1905.90")],
        "cake gift",
    ),
    (
        "at",
        "library",
        "parcel",
        "sale_of_goods",
        [_p("scholarly journal back issues", 5, 2.5, "75.00", "4902.90")],
        "journals for a library",
    ),
    (
        "gb",
        "mi",
        "parcel",
        "gift",
        [_p("Meccano model kit", 1, 1.1, "40.00", "9503.00")],
        "model kit",
    ),
    (
        "de",
        "oh",
        "parcel",
        "gift",
        [_p("cuckoo clock, small", 1, 1.5, "120.00", "9105.21")],
        "clock",
    ),
    (
        "fr",
        "il",
        "parcel",
        "gift",
        [_p("macarons gift box 12", 1, 0.3, "25.00", "1905.90")],
        "macarons",
    ),
    (
        "it",
        "ga",
        "parcel",
        "sale_of_goods",
        [_p("Murano glass pendant", 1, 0.05, "35.00", "7018.10")],
        "glass jewellery",
    ),
    ("es", "nc", "parcel", "gift", [_p("ceramic olive dish", 1, 0.6, "20.00", "6912.00")], "dish"),
    (
        "jp",
        "wa",
        "parcel",
        "sale_of_goods",
        [_p("Japanese chef knife, gyuto 21 cm", 1, 0.4, "120.00", "8211.91")],
        "kitchen knife",
    ),
    (
        "kr",
        "nj",
        "parcel",
        "gift",
        [_p("kimchi seasoning gochugaru 500 g", 2, 1.0, "20.00", "0904.22")],
        "chili flakes",
    ),
    (
        "cn_shop",
        "tx",
        "parcel",
        "sale_of_goods",
        [_p("phone tripod with remote shutter", 1, 0.4, "13.99", "9620.00")],
        "tripod",
    ),
    (
        "cn_shop",
        "pa",
        "parcel",
        "sale_of_goods",
        [_p("hair clips, acetate, set of 6", 1, 0.1, "7.99", "9615.19")],
        "hair clips",
    ),
    (
        "cn_shop",
        "fl",
        "parcel",
        "sale_of_goods",
        [_p("beach towel microfiber", 2, 0.6, "17.98", "6302.60")],
        "towels",
    ),
    (
        "cn_shop",
        "mi",
        "parcel",
        "sale_of_goods",
        [_p("car seat cover set", 1, 1.8, "39.99", "8708.99")],
        "car seat covers",
    ),
    (
        "cn_shop",
        "az",
        "parcel",
        "sale_of_goods",
        [_p("solar garden lights, 6 pack", 1, 1.2, "24.99", "9405.42")],
        "garden lights",
    ),
    (
        "cn_shop",
        "co",
        "parcel",
        "sale_of_goods",
        [_p("hiking headlamp", 1, 0.1, "12.99", "8513.10")],
        "headlamp",
    ),
    (
        "cn_shop",
        "ga",
        "parcel",
        "sale_of_goods",
        [_p("pill organizer weekly, plastic", 1, 0.1, "6.99", "3924.90")],
        "pill box, empty organiser",
    ),
    (
        "cn_toy",
        "oh",
        "parcel",
        "sale_of_goods",
        [_p("play-dough mold and press set for kids", 1, 0.6, "14.99", "9503.00")],
        "kids' dough toy",
    ),
    (
        "cn_cloth",
        "nc",
        "parcel",
        "sale_of_goods",
        [_p("baby romper, cotton", 3, 0.3, "20.97", "6111.20")],
        "baby clothes",
    ),
    (
        "hk_shop",
        "il",
        "parcel",
        "sale_of_goods",
        [_p("35 mm colour film, 3 rolls", 1, 0.1, "36.00", "3702.52")],
        "film rolls",
    ),
    (
        "gb_shop",
        "nc",
        "parcel",
        "sale_of_goods",
        [_p("board game, Ticket to Ride Europe", 1, 2.0, "50.00", "9504.90")],
        "board game",
    ),
    (
        "fr_shop",
        "ny",
        "parcel",
        "sale_of_goods",
        [_p("Savon de Marseille soap 300 g", 4, 1.3, "24.00", "3401.11")],
        "soap",
    ),
    (
        "in",
        "wa",
        "letter",
        "documents",
        [_p("property tax receipt and letter", 1, 0.05, None)],
        "papers",
    ),
    (
        "ng",
        "nj",
        "letter",
        "documents",
        [_p("WAEC results, certified", 1, 0.05, None)],
        "exam results",
    ),
    (
        "co",
        "ny",
        "letter",
        "documents",
        [_p("bank reference letter", 1, 0.05, None)],
        "reference letter",
    ),
    (
        "mx",
        "il",
        "parcel",
        "gift",
        [_p("Mexican vanilla extract 250 ml", 2, 0.6, "20.00", "1302.19")],
        "vanilla",
    ),
    (
        "ca",
        "wa",
        "parcel",
        "returned_goods",
        [_p("returned hiking boots, wrong size", 1, 1.4, "150.00", "6404.11")],
        "return to US retailer",
    ),
    (
        "au",
        "tx",
        "parcel",
        "gift",
        [_p("boomerang, decorative", 1, 0.3, "25.00", "4420.90")],
        "souvenir",
    ),
    ("vn", "ca", "parcel", "gift", [_p("conical hat non la", 1, 0.2, "10.00", "6504.00")], "hat"),
    (
        "th",
        "il",
        "parcel",
        "sale_of_goods",
        [_p("elephant pants, rayon", 3, 0.6, "24.00", "6204.69")],
        "trousers",
    ),
    (
        "gr",
        "fl",
        "parcel",
        "sale_of_goods",
        [_p("Greek olive oil soap", 4, 0.5, "16.00", "3401.11")],
        "soap",
    ),
    (
        "pt",
        "ca",
        "parcel",
        "gift",
        [_p("canned sardines gift tin", 5, 0.6, "20.00", "1604.13")],
        "sardines",
    ),
    (
        "jp_shop",
        "ma",
        "parcel",
        "sale_of_goods",
        [_p("ceramic teapot kyusu", 1, 0.7, "60.00", "6912.00")],
        "teapot",
    ),
    (
        "kr_shop",
        "il",
        "parcel",
        "sale_of_goods",
        [_p("cotton pads 80 ct", 2, 0.2, "8.00", "5601.21")],
        "cotton pads",
    ),
]


def _ordinary() -> list[Case]:
    cases = []
    for n, (s, a, mail_class, category, pieces, note) in enumerate(_ORDINARY_ROWS, start=1):
        minute = n * 7
        item = _aed(
            _S[s],
            _A[a],
            pieces,
            sent_at=_t(D + 1, minute // 60, minute % 60),
            mail_class=mail_class,
            category=category,
        )
        cases.append(Case(f"ord-{n:03d}", ORDINARY, "ordinary", ORDINARY_SOURCE, note, [item]))
    return cases


ORDINARY_CASES: list[Case] = _ordinary()

CASES: list[Case] = SUSPICIOUS_CASES + ORDINARY_CASES
