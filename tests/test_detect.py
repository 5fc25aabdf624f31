"""Detection on texts written for these tests, with patterns the seeds lack, in English and both scripts."""

from datetime import date
from decimal import Decimal

import pytest

from claims.text.detect import detect


def figures(text, languages=("en",), published=None):
    return [(c.quote, c.value, c.value_low, c.value_high, c.unit)
            for c in detect(text, list(languages), published) if c.kind == "figure"]


def events(text, languages=("en",), published=date(2016, 3, 1)):
    return [(c.quote, c.date.isoformat()) for c in detect(text, list(languages), published) if c.kind == "event"]


@pytest.mark.parametrize("text, expected", [
    ("Officials counted about 1,250,000 infected hosts.", ("about 1,250,000 infected hosts", "1250000", None, None)),
    ("Losses exceeded 3.5 billion yuan last quarter.", ("exceeded 3.5 billion yuan", "3500000000", "3500000000", None)),
    ("损失达500亿美元。", ("500亿美元", "50000000000", None, None)),
    ("Up to 40 servers were seized.", ("Up to 40 servers", "40", None, "40")),
    ("Attacks rose by 47.8% in a year.", ("47.8%", "0.478", None, None)),
    ("Some 62.1 percent of firms reported incidents.", ("Some 62.1 percent", "0.621", None, None)),
    ("Police arrested more than 15.000 suspects.", ("more than 15.000 suspects", "15000", "15000", None)),
    ("About one in four users was affected.", ("About one in four", "0.25", None, None)),
    ("Nearly one in every ten incidents was ransomware.", ("Nearly one in every ten", "0.1", None, "0.1")),
    ("Growth was 2.125 percent.", ("2.125 percent", "0.02125", None, None)),  # a decimal point is a decimal
    ("Police detained seven suspects.", ("seven suspects", "7", None, None)),
    ("Officers made a dozen arrests.", ("a dozen arrests", "12", None, None)),
    ("Tens of thousands of victims lost money.", ("Tens of thousands of victims", "10000", "10000", None)),
    ("Losses ran from 6,000 to 9,000 euros.", ("6,000 to 9,000 euros", "6000", "6000", "9000")),
    ("Citizens lost Rs 1,200 crore to fraud.", ("Rs 1,200 crore", "12000000000", None, None)),
    ("The attack peaked at 1.2 Tbps.", ("1.2 Tbps", "1.2", None, None)),
    ("共接获4210宗。", ("4210宗", "4210", None, None)),
    ("超過3,500起網路詐騙案被破獲。", ("超過3,500起網路詐騙案", "3500", "3500", None)),
    ("涉及一五二萬次攻擊。", ("一五二萬次", "1520000", None, None)),
    ("共有二〇八名學員。", ("二〇八名學員", "208", None, None)),
    ("近三萬名用戶受影響。", ("近三萬名用戶", "30000", None, "30000")),
    ("升幅為九％。", ("九％", "0.09", None, None)),
    ("佔二成五。", ("二成五", "0.25", None, None)),
    ("近百家企業參與。", ("近百家企業", "100", None, "100")),
    ("百余名警员参加。", ("百余名警员", "100", "100", None)),
    ("損失新臺幣5,000萬元。", ("新臺幣5,000萬元", "50000000", None, None)),
    ("另有4万6563起诈骗案。", ("4万6563起诈骗案", "46563", None, None)),
    ("超过四分之一的受害者。", ("超过四分之一", "0.25", "0.25", None)),
    ("累计拦截涉诈电话9.6亿次。", ("9.6亿次", "960000000", None, None)),  # calls counted, no number dialled
    ("约1.3TB业务数据被加密。", ("约1.3TB", "1.3", None, None)),
    ("截回約一億四千萬港元。", ("約一億四千萬港元", "140000000", None, None)),
    ("來自十二國的代表出席。", ("十二國", "12", None, None)),
    ("The victims paid $1,286,400 meant for vendors.", ("$1,286,400", "1286400", None, None)),
    ("Victims lost RM1.34 billion.", ("RM1.34 billion", "1340000000", None, None)),
    ("Losses reached NZ$5.2 million.", ("NZ$5.2 million", "5200000", None, None)),
    ("Fees ran between £9 and £160 a month.", ("between £9 and £160", "9", "9", "160")),
    ("Two other men were detained.", ("Two other men", "2", None, None)),
    ("警方查获四十余万台设备。", ("四十余万台设备", "400000", "400000", None)),
    ("价值约合12万美元的加密货币", ("约合12万美元", "120000", None, None)),
    ("涉案金額約32億元人民幣。", ("約32億元人民幣", "3200000000", None, None)),
    ("每宗罰款最高500萬元。", ("最高500萬元", "5000000", None, "5000000")),
    ("不多於100個系統", ("不多於100個系統", "100", None, "100")),
    ("售價由300元至800元不等。", ("300元至800元", "300", "300", "800")),
    ("其中21款App频繁申请权限。", ("21款App", "21", None, None)),
    ("受訪者中近5成曾遇詐騙。", ("近5成", "0.5", None, "0.5")),
    ("罰款三至五萬元。", ("三至五萬元", "30000", "30000", "50000")),
    ("涉案金額新臺幣3億5,862萬7,400元。", ("新臺幣3億5,862萬7,400元", "358627400", None, None)),
    ("產值突破千億元。", ("突破千億元", "100000000000", "100000000000", None)),
    ("Less than five percent were reported.", ("Less than five percent", "0.05", None, "0.05")),
    ("Fees were between USD 250 and USD 1,000.", ("between USD 250 and USD 1,000", "250", "250", "1000")),
    ("Losses reached no less than EUR 9 million.", ("no less than EUR 9 million", "9000000", "9000000", None)),
    ("Close to three-fifths of victims were women.", ("Close to three-fifths", "0.6", None, "0.6")),
    ("警方截回逾8億7千萬港元。", ("逾8億7千萬港元", "870000000", "870000000", None)),
    ("Nearly half of all traffic was malicious.", ("Nearly half", "0.5", None, "0.5")),
    ("全国共有890万台主机被控制。", ("890万台主机", "8900000", None, None)),
    ("网民规模达4.9万人。", ("4.9万人", "49000", None, None)),
    ("交易额超过1.2亿元。", ("超过1.2亿元", "120000000", "120000000", None)),
    ("与七十多个国家开展合作。", ("七十多个国家", "70", "70", None)),
    ("双方举行了三次对话。", ("三次对话", "3", None, None)),
    ("近5000个网站被篡改。", ("近5000个网站", "5000", None, "5000")),
    ("共查處１２３４５起案件。", ("１２３４５起案件", "12345", None, None)),
    ("受影響用戶佔百分之四十七點八。", ("百分之四十七點八", "0.478", None, None)),
    ("全國逾3000家企業參與。", ("逾3000家企業", "3000", "3000", None)),
    ("Losses were put at EUR 870 000.", ("EUR 870 000", "870000", None, None)),  # spaced groups after a currency
    ("It blocked 7,000-plus scam websites.", ("7,000-plus scam websites", "7000", "7000", None)),
    ("One victim in every eight was over sixty.", ("One victim in every eight", "0.125", None, None)),
    ("Police disrupted at least seven of the groups.", ("at least seven", "7", "7", None)),
    ("诈骗信息逾千万条。", ("逾千万条", "10000000", "10000000", None)),
    ("涉案金额约1,150万斐济元。", ("约1,150万斐济元", "11500000", None, None)),
    ("警方檢獲十部電腦。", ("十部", "10", None, None)),
    ("Losses were between US$18 billion and US$31 billion.",
     ("between US$18 billion and US$31 billion", "18000000000", "18000000000", "31000000000")),
    ("The fund reached NOK 860 million.", ("NOK 860 million", "860000000", None, None)),
    ("Some 2,300-odd fraudulent websites were closed.", ("Some 2,300-odd fraudulent websites", "2300", "2300", None)),
    ("It affects about one-fourth of firms.", ("about one-fourth", "0.25", None, None)),
    ("受害人數增加一倍有多。", ("一倍有多", "1", "1", None)),  # inside the word 增加一倍
    ("佔整體百分之廿七。", ("百分之廿七", "0.27", None, None)),
    ("代表來自廿三國。", ("廿三國", "23", None, None)),
    ("代表來自八國。", ("八國", "8", None, None)),  # the dictionary's 八国 is a name too
    ("失業率為11.6巴仙。", ("11.6巴仙", "0.116", None, None)),  # Malaysian Chinese for percent
    ("佔比上升約六個百分點。", ("約六個百分點", "0.06", None, None)),
    ("共受理逾6千件。", ("逾6千件", "6000", "6000", None)),
    ("以面額六至七成的價格收購。", ("六至七成", "0.6", "0.6", "0.7")),
    ("點數超過新臺幣5,000元時須提示。", ("超過新臺幣5,000元", "5000", "5000", None)),  # 時 is no hour here
    ("Officers recovered Tk 47.5 lakh in cash.", ("Tk 47.5 lakh", "4750000", None, None)),
    ("Losses hit near £100 million.", ("near £100 million", "100000000", None, "100000000")),
    ("Police held 1,300 or so suspects.", ("1,300 or so suspects", "1300", None, None)),
    ("涉款達6億3,000餘萬元。", ("6億3,000餘萬元", "630000000", "630000000", None)),
    ("受訪者中接近一半曾受騙。", ("接近一半", "0.5", None, "0.5")),
    ("近半數受訪者曾受騙。", ("近半數", "0.5", None, "0.5")),
    ("带恶意附件的邮件约占近3/4。", ("近3/4", "0.75", None, "0.75")),
    ("处五十万元以上五百万元以下罚款。", ("五十万元以上五百万元以下", "500000", "500000", "5000000")),
    ("处5,000元到80万元罚款。", ("5,000元到80万元", "5000", "5000", "800000")),
    ("占全部投诉的四分之三强。", ("四分之三强", "0.75", "0.75", None)),
    ("相關案件破百起。", ("破百起", "100", "100", None)),
])
def test_figures_in_english_simplified_and_traditional(text, expected):
    language = "en" if text.isascii() else ("zh-Hant" if any(ch in text for ch in "處佔業國") else "zh-Hans")
    [found] = figures(text, (language,))
    quote, value, low, high = expected
    assert found[0] == quote
    assert (found[1], found[2], found[3]) == (Decimal(value), low and Decimal(low), high and Decimal(high))
    assert found[4]  # a unit: the counted noun or the classifier phrase


def test_men_and_women_counted_apart_are_two_figures_and_a_noun_after_a_ratio_makes_it_none():
    assert [f[:2] for f in figures("警方拘捕六男三女。", ("zh-Hant",))] == [("六男", 6), ("三女", 3)]
    assert [f[:2] for f in figures("one person in two cities")] == [("two cities", 2)]


def test_a_change_from_one_figure_to_another_is_two_figures_not_a_range():
    assert [f[:4] for f in figures("Reports rose from 41 to 79 in a quarter.")] == [
        ("41", 41, None, None), ("79", 79, None, None)]


def test_a_scale_said_once_never_makes_a_range_run_downwards():
    # found by test_detect_properties: 2 scaled by "bn" is 2bn, above 1.2bn, so no range
    assert [f[:4] for f in figures("2- US$1.2bn")] == [("US$1.2bn", Decimal("1.2E+9"), None, None)]


def test_counts_in_words_and_numbers_next_to_years():
    assert figures("Police detained seven suspects and two others.") == [
        ("seven suspects", 7, None, None, "suspects"), ("two others", 2, None, None, "others")]
    assert figures("There were about 950 in 2022.") == [("about 950", 950, None, None, "")]  # no ratio 950/2022


@pytest.mark.parametrize("text", [
    "The eighth forum met in 2015.", "第八届论坛召开。", "第四次对话将于近期举行。", "The 20th anniversary passed.",
    "Operators hold 4G and 3G licences.", "The Xiamen-2015 exercise ended.", "It took 20 years to build.",
    "On September 23, 2015 the talks ended.", "The 2015-2020 plan was published.", "建立一个平衡的体系,两国合作。",
    "the two countries signed", "Operation Endgame 2 continued.", "Call the hotline on 2860 5012.",
    "工作分为三个方面。", "如有懷疑可致電「防騙易熱線18222」。", "头8个月", "持续8个月", "打击“两卡”犯罪", "五大风险",
    "It ran for five business days.", "LockBit 3.0 affiliates", "the first half of 2024", "十四五规划",
    "这些百姓", "十分重要", "一些网站", "第三届", "他们一起", "Ionescu, 34, was arrested.", "四国执法部门",
    "A third suspect, aged 25, was detained.", "call the hotline at 997", "代表团抵达万象。", "每萬筆資料", "法案三讀通過",
    "10時05分", "3.0版系统", "該集團自去（114）年9月起假冒電商。", "系統停擺近30個小時。", "On 3/4 of days",
])
def test_ordinals_years_dates_durations_and_names_are_not_figures(text):
    """None of these states a quantity."""
    assert figures(text, ("zh-Hans",) if not text.isascii() else ("en",)) == []


def test_events_are_clauses_with_their_dates_at_precision():
    found = events("The accord was signed on 5 March 2014. Talks began in June 2013. 会谈于2012年7月举行。")
    assert found == [("The accord was signed on 5 March 2014", "2014-03-05"), ("Talks began in June 2013", "2013-06"),
                     ("会谈于2012年7月举行", "2012-07")]


def test_a_date_alone_is_no_event_it_dates_the_figures():
    text = "In 2023, the CERT handled 4,210 incidents, up from 3,900 in 2022."
    found = detect(text, ["en"], date(2024, 3, 1))
    assert [c.kind for c in found] == ["figure", "figure"]
    assert [c.date.isoformat() for c in found] == ["2023", "2022"]


def test_relative_dates_resolve_against_the_published_date():
    text = "Last September the draft was submitted to the UN. 去年12月,战略出台。今年3月发布了新战略。"
    assert events(text, ("en", "zh-Hans"), date(2016, 5, 1)) == [
        ("Last September the draft was submitted to the UN", "2015-09"), ("战略出台", "2015-12"),
        ("今年3月发布了新战略", "2016-03")]


@pytest.mark.parametrize("text, published, expected", [
    ("Police arrested seven suspects on Monday.", date(2024, 7, 11), "2024-07-08"),  # a Thursday
    ("The forum will open on Monday.", date(2024, 7, 11), "2024-07-15"),
    ("The CERT released its report today.", date(2024, 7, 11), "2024-07-11"),
    ("The two agencies signed an MoU last week.", date(2024, 7, 11), "2024-07-01/2024-07-07"),
    ("The law is expected to take effect next year.", date(2024, 7, 11), "2025"),
    ("The ministers met in the first half of 2023.", date(2024, 7, 11), "2023-01/2023-06"),
    ("The drill will be held this winter.", date(2024, 11, 2), "2024-12/2025-02"),
    ("Between 14 and 17 April, police carried out 62 searches.", date(2024, 4, 20), "2024-04-14/2024-04-17"),
    ("The operation ran from March to May.", date(2024, 6, 20), "2024-03/2024-05"),
    ("Talks were held from 2010 to 2012.", date(2014, 6, 20), "2010/2012"),
    ("警方上週二拘捕3名男子。", date(2024, 5, 9), "2024-04-30"),
    ("去年上半年两国举行了对话。", date(2024, 5, 9), "2023-01/2023-06"),
    ("今年前五個月警方共偵破案件。", date(2024, 7, 9), "2024-01/2024-05"),
    ("頭8個月警方進行多次行動。", date(2024, 9, 9), "2024-01/2024-08"),
    ("3月至5月期間警方開展行動。", date(2024, 7, 9), "2024-03/2024-05"),
    ("資安署於113年3月發布報告。", date(2024, 7, 9), "2024-03"),
    ("会议于二〇二二年十二月一日举行。", date(2024, 7, 9), "2022-12-01"),
    ("明年第一季將舉辦演練。", date(2024, 7, 9), "2025-01/2025-03"),
    ("警方上週二起一連三日採取拘捕行動。", date(2024, 5, 9), "2024-04-30/2024-05-02"),
    ("該集團自去年10月起以假投資手法詐騙國人。", date(2024, 5, 9), "2023-10"),  # an ongoing span: its start
    ("来自15个国家的执法部门于本周一至周三开展联合行动。", date(2024, 12, 12), "2024-12-09/2024-12-11"),
    ("Raids were carried out across the city on Tuesday and Wednesday.", date(2025, 2, 14), "2025-02-11/2025-02-12"),
    ("該集團去年3月至今年2月間入侵16家平台。", date(2024, 5, 9), "2023-03/2024-02"),
    ("现责令上述App运营者于8月31日前完成整改。", date(2023, 8, 18), "2023-08-31"),  # 日前 here is "before"
    ("A hackathon will be held on 18th October.", date(2024, 10, 2), "2024-10-18"),
    ("警方於本週一及週二（24及25日）展開拘捕行動。", date(2025, 3, 27), "2025-03-24/2025-03-25"),
    ("條例自去年7月31日起施行。", date(2025, 10, 16), "2024-07-31"),
    ("登記制自前年12月全面實施。", date(2025, 6, 17), "2023-12"),
    ("警方於上月6日至31日展開校園宣傳。", date(2025, 11, 5), "2025-10-06/2025-10-31"),
    ("The team moved into its own building two years ago.", date(2026, 10, 21), "2024"),
    ("The platform collapsed in September.", date(2024, 11, 9), "2024-09"),  # any past verb, with its own date
    ("The first expert meeting is scheduled for March 2024.", date(2023, 11, 22), "2024-03"),
    ("數位發展部並預定５月在臺北舉辦研習班。", date(2027, 3, 9), "2027-05"),  # full-width digits
    ("今年前兩個月另有四個友邦提出合作需求。", date(2027, 3, 9), "2027-01/2027-02"),
    ("警方上週二至週四（10至12日）展開聯合行動。", date(2026, 11, 20), "2026-11-10/2026-11-12"),
    ("刑事局於本（11）月17日至19日同步執行搜索。", date(2026, 11, 26), "2026-11-17/2026-11-19"),
    ("該集團自去（114）年9月起假冒電商發送簡訊。", date(2026, 11, 26), "2025-09"),
    ("Police detained seven recruiters on Tuesday 23 November.", date(2027, 12, 9), "2027-11-23"),
    ("The next Octopus Conference is planned for 2029.", date(2027, 11, 19), "2029"),
    ("On Monday, a chartered flight brought 41 suspects back.", date(2027, 8, 3), "2027-08-02"),
    ("The operation ran from 1 November 2026 to 31 January 2027.", date(2027, 3, 2), "2026-11-01/2027-01-31"),
    ("The operation ran from November 1, 2026 to January 31, 2027.", date(2027, 3, 2), "2026-11-01/2027-01-31"),
    ("Checks were carried out from 20 December to 5 January 2025.", date(2025, 3, 2), "2024-12-20/2025-01-05"),
    ("新制最快可望在明（一一四）年上半年上路。", date(2024, 10, 2), "2025-01/2025-06"),
    ("行動由今年3月展開至10月底。", date(2024, 11, 5), "2024-03/2024-10"),
    ("7月1日至8月31日，中央网信办在全国开展专项行动。", date(2026, 9, 8), "2026-07-01/2026-08-31"),
    ("他今早在警察总部召开新闻发布会。", date(2026, 6, 9), "2026-06-09"),
    ("警方昨晚拘捕3人。", date(2026, 6, 9), "2026-06-08"),
    ("香港警方上星期联同深圳警方开展联合行动。", date(2027, 3, 10), "2027-03-01/2027-03-07"),
    ("台電已於去年底完成檢測。", date(2026, 5, 1), "2025-12"),
    ("該員自113年6月起至114年3月止蒐集個資。", date(2025, 12, 20), "2024-06/2025-03"),
    ("The law takes effect on July 1.", date(2027, 4, 13), "2027-07-01"),  # a present tense that schedules
    ("警方上週五至本週二（1月8日至12日）展開行動。", date(2027, 1, 14), "2027-01-08/2027-01-12"),
    ("三地警方昨日（8日）起一連兩日舉行會議。", date(2026, 10, 9), "2026-10-08/2026-10-09"),
    ("On February 19 and 20, the dialogue was held in Manila.", date(2029, 2, 22), "2029-02-19/2029-02-20"),
    ("案件押後至10月8日再訊。", date(2026, 9, 20), "2026-10-08"),
])
def test_relative_dates_periods_and_ranges(text, published, expected):
    [(_, found)] = events(text, ("zh-Hant",) if not text.isascii() else ("en",), published)
    assert found == expected


def test_a_dateline_is_the_publication_date_not_an_event():
    text = "SINGAPORE, 14 March 2024 (Reuters) - Police arrested 32 suspects on Tuesday."
    assert [d for _, d in events(text, ("en",), date(2024, 3, 14))] == ["2024-03-12"]
    text = "新华社北京5月20日电 公安部19日召开发布会。"
    assert [d for _, d in events(text, ("zh-Hans",), date(2024, 5, 20))] == ["2024-05-19"]
    text = "警方今日公布統計數字。\n\n2024年5月20日\n"
    assert [d for _, d in events(text, ("zh-Hant",), date(2024, 5, 20))] == ["2024-05-20"]


def test_running_context_gives_bare_months_their_year_and_rolls_over():
    text = ("In April 2014 a declaration was issued. In the same month, two countries held talks. "
            "In October, a memorandum was signed. In May, a plan was published.")
    assert [d for _, d in events(text)] == ["2014-04", "2014-04", "2014-10", "2015-05"]
    chinese = "2014年4月,大会发表声明。同月,两国进行对话。10月,三国签署备忘录。5月,欧盟发布计划。"
    assert [d for _, d in events(chinese, ("zh-Hans",))] == ["2014-04", "2014-04", "2014-10", "2015-05"]


def test_a_bare_month_never_runs_past_publication_unless_the_clause_speaks_of_the_future():
    text = "In January 2024 the CERT was founded. In June, it opened an office; in May it held a drill."
    assert [d for _, d in events(text, published=date(2024, 7, 1))] == ["2024-01", "2024-06", "2024-05"]
    assert events("The meeting will be held in May.", published=date(2024, 7, 1)) == [
        ("The meeting will be held in May", "2025-05")]


def test_an_undated_event_clause_takes_the_date_of_its_sentence():
    found = events("In September, the ministers reached a consensus; the eighth forum was held in Seattle.")
    assert found[-1] == ("the eighth forum was held in Seattle", "2015-09")


def test_page_chrome_and_repeated_blocks_are_skipped():
    text = "Share on Facebook\n\nNearly 47,000 hosts were hit.\n\nNearly 47,000 hosts were hit."
    start = text.index("Nearly")
    second = text.rindex("Nearly")
    found = detect(text, ["en"], None, main_ranges=[[start, second - 2]], duplicate_ranges=[[second, len(text), start]])
    assert [c.start for c in found if c.kind == "figure"] == [start]


def test_a_chinese_event_verb_counts_as_a_verb_not_as_the_stem_of_a_noun():
    assert events("在3月的发布会上，专家介绍了情况。", ("zh-Hans",), date(2024, 5, 1)) == []
    assert events("3月，公安部发布报告。", ("zh-Hans",), date(2024, 5, 1)) == [("公安部发布报告", "2024-03")]


def test_a_bare_month_takes_its_year_from_named_months_of_its_paragraph_not_from_background_years():
    text = ("Reports rose 18% in the third quarter, the most since reporting began in 2017.\n\n"
            "On 26 August we issued an advisory; in the second quarter we published a guide.")
    assert [d for _, d in events(text, published=date(2024, 11, 1))] == ["2017", "2024-08-26", "2024-04/2024-06"]


def test_a_sentence_that_goes_on_about_the_reported_occurrence_takes_its_date():
    text = ("第二次中国—东盟网络事务对话3月6日至7日在北京举行。\n\n中方代表介绍了合作情况。\n\n"
            "对话期间，双方签署合作备忘录，并商定于今年下半年联合举办演练。")
    found = dict(events(text, ("zh-Hans",), date(2025, 3, 8)))
    assert found["双方签署合作备忘录"] == "2025-03-06/2025-03-07"
    assert found["商定于今年下半年联合举办演练"] == "2025-07/2025-12"


def test_that_day_the_next_day_and_a_clause_after_a_date_alone():
    text = "案例一：5月9日，网民胡某利用AI软件生成虚假视频。当地公安机关于次日将其查获。"
    found = events(text, ("zh-Hans",), date(2025, 7, 8))
    assert ("网民胡某利用AI软件生成虚假视频", "2025-05-09") in found
    assert ("当地公安机关于次日将其查获", "2025-05-10") in found
    text = ("The Hague, 12 June 2025\n\nSeven suspects were arrested during an action day on Tuesday.\n\n"
            "The network had run since 2022.\n\nDuring the action day, officers carried out 23 searches. "
            "Investigators also froze 96 bank accounts that day.")
    found = events(text, published=date(2025, 6, 12))
    assert [d for q, d in found if "searches" in q or "froze" in q] == ["2025-06-10", "2025-06-10"]
    assert not any(q.startswith("The Hague") for q, _ in found)  # the dateline is no event


def test_a_text_that_groups_thousands_with_spaces_is_read_by_its_own_convention():
    text = "CERT.LV handled 5 912 incidents and recorded 612 483 security events; 2 318 incidents were fraud."
    assert [f[:2] for f in figures(text)] == [("5 912 incidents", 5912), ("612 483 security events", 612483),
                                            ("2 318 incidents", 2318)]
    assert [f[:2] for f in figures("Police arrested 12 suspects in 2024 and 31 more in 2025.")] == [
        ("12 suspects", 12), ("31", 31)]  # a space between numbers groups nothing in this text


def test_a_year_inside_a_book_title_names_a_plan_and_dates_nothing():
    text = "上合组织会议11月13日在青岛举行。会议审议通过了《2026—2028年打击网络犯罪合作纲要》。"
    assert [d for _, d in events(text, ("zh-Hans",), date(2025, 11, 14))] == ["2025-11-13", "2025-11-13"]


def test_the_action_day_named_inside_a_clause_is_the_day_of_the_reported_operation():
    text = ("Police arrested nine suspects during an action day on Tuesday.\n\n"
            "The agency has supported the case since 2024.\n\n"
            "Europol set up a virtual command post on the action day.")
    found = dict(events(text, published=date(2026, 10, 1)))
    assert found["Europol set up a virtual command post on the action day"] == "2026-09-29"


def test_an_occurrence_goes_on_into_the_next_sentence_with_a_verb_of_occurrence():
    occurring_in_a_year = "Police raided 1,400 addresses in 2015. Officers seized servers and phones."
    about_the_year = "Police raided 1,400 addresses in 2015. Officers examined servers and phones."
    assert ("Officers seized servers and phones", "2015") in events(occurring_in_a_year)
    assert [quote for quote, _ in events(about_the_year)] == ["Police raided 1,400 addresses in 2015"]


@pytest.mark.parametrize("text, expected", [
    ("The first tabletop exercise is scheduled for October.", "2016-10"),
    ("Its authors will testify before the committee on 19 October.", "2016-10-19"),
    ("A team from the national police is expected here next week.", "2016-03-07/2016-03-13"),
])
def test_a_plan_with_a_date_of_its_own_is_an_event(text, expected):
    assert [date for _, date in events(text)] == [expected]


def test_before_and_after_a_noun_phrase_are_prepositions_not_clause_breaks():
    assert events("Its authors testified before the committee on 19 October.", published=date(2016, 10, 22)) == [
        ("Its authors testified before the committee on 19 October", "2016-10-19")]


def test_a_chinese_statement_on_a_given_day_is_an_event_but_not_an_undated_one():
    assert events("警方今日（22日）表示，案件仍在調查中。", ("zh-Hant",), date(2025, 5, 22)) == [
        ("警方今日（22日）表示", "2025-05-22")]
    assert events("警方表示，案件仍在調查中。", ("zh-Hant",), date(2025, 5, 22)) == []


def test_the_bare_months_of_a_report_on_the_year_before_are_that_years():
    report = "ANNUAL REPORT 2026\n\nIn March the team signed a memorandum with its Maldivian peers."
    opening = "2025年，CNCERT共处置事件1.2万起。\n\n5月16日，CNCERT发布预警。"
    news = "In 2026, police made 40 arrests.\n\nA man was arrested in March."
    assert events(report, published=date(2027, 5, 1))[0][1] == "2026-03"
    assert dict(events(opening, ("zh-Hans",), date(2026, 7, 1)))["CNCERT发布预警"] == "2025-05-16"
    assert ("A man was arrested in March", "2027-03") in events(news, published=date(2027, 10, 1))  # no report


@pytest.mark.parametrize("text, published, expected", [
    ("兩名被告今日在九龍城裁判法院提堂。", date(2025, 5, 22), "2025-05-22"),  # a court appearance
    ("條例草案於5月8日在立法會首讀。", date(2025, 5, 22), "2025-05-08"),
    ("中方与沙特11日续签合作谅解备忘录。", date(2026, 5, 12), "2026-05-11"),
])
def test_court_legislative_and_renewal_verbs_report_occurrences(text, published, expected):
    [(_, found)] = events(text, ("zh-Hant",), published)
    assert found == expected


def test_a_list_of_places_does_not_part_a_verb_from_its_date():
    text = "The suspects were picked up in drives in Dhaka, Gazipur and Faridpur on Sunday night and Monday."
    assert events(text, published=date(2027, 10, 14)) == [(text[:-1], "2027-10-10/2027-10-11")]


def test_a_sentence_about_the_drives_or_the_search_takes_the_operations_date():
    text = "Police raided 12 addresses on Tuesday.\n\nDuring the search, officers seized 40 phones."
    assert ("officers seized 40 phones", "2016-03-01") in events(text)


def test_a_sentence_during_or_after_the_reported_occurrence_takes_its_date():
    text = "两国警方5月12日在迪拜签署合作备忘录。\n\n大会期间，中方宣布将举办培训班。\n\n处长在签署仪式后表示，合作将深化。"
    found = dict(events(text, ("zh-Hans",), date(2027, 5, 13)))
    assert found["中方宣布将举办培训班"] == "2027-05-12"
    assert found["处长在签署仪式后表示"] == "2027-05-12"


@pytest.mark.parametrize("text, expected", [
    # The tense before the month decides; "next month" further on speaks of another occurrence.
    ("A bill on refunds was tabled in parliament in June and is expected to be debated next month.", "2015-06"),
    ("The convention, which opened for signature in October, is expected to take effect next year.", "2015-10"),
    ("The talks will be held in Geneva in October.", "2016-10"),  # a participle after "be" is no past
    ("In October the two sides will hold talks in Geneva.", "2016-10"),  # no tense word before: the clause's
])
def test_a_bare_month_takes_the_tense_of_the_words_before_it(text, expected):
    assert [date for _, date in events(text, published=date(2016, 3, 1))][:1] == [expected]


def test_a_lead_told_in_the_perfect_takes_the_date_of_the_occurrence_the_next_sentences_give():
    text = ("BANGKOK, Nov 17 (Reuters) - Thai police have arrested 57 people in a crackdown on call-centre gangs, "
            "officials said on Tuesday.\n\nThe raids, carried out from Nov. 9 to 15 in nine provinces, also netted "
            "41 SIM boxes.")
    dated = events(text, published=date(2026, 11, 17))
    quote, when = dated[0]
    assert quote.startswith("Thai police have arrested 57 people in a crackdown") and when == "2026-11-09/2026-11-15"
    # Told in the past tense, the lead keeps the day it names; so does a lead with no later date.
    assert events("Police arrested 57 people on Tuesday. The raids netted 41 SIM boxes on Nov. 9.",
                  published=date(2026, 11, 17))[0][1] == "2026-11-17"
    assert events("Thai police have arrested 57 people, officials said on Tuesday. They seized 41 SIM boxes.",
                  published=date(2026, 11, 17))[0][1] == "2026-11-17"


@pytest.mark.parametrize("text, expected", [
    ("Tenants lost Dh12.6 million in deposits.", [("Dh12.6 million", "AED")]),
    ("The gang took more than R14 million from clients.", [("more than R14 million", "ZAR")]),
    ("Victims lost Sh4,500 on average.", [("Sh4,500", "KES")]),
    ("The R2 motorway was closed for the raid.", []),  # a one-letter sign before a small bare number is a name
])
def test_money_after_a_sign_of_letters(text, expected):
    assert [(quote, unit) for quote, *_, unit in figures(text)] == expected


@pytest.mark.parametrize("text", [
    "Anyone with information can phone their bank or the police on 10111.",
    "In Scotland, call Police Scotland on 101.",
    "Victims can report fraud online or by calling 113.",
    "Anyone who receives such a call should report it to 112.",
    "The 165 anti-fraud hotline took calls all night.",
    "More than half of the victims were under the age of 30.",
])
def test_numbers_dialled_or_ages_are_not_figures(text):
    assert figures(text) == [] or all("half" in quote for quote, *_ in figures(text))


def test_calling_on_countries_is_still_a_count():
    assert [quote for quote, *_ in figures("The minister called on 12 countries to join the convention.")] == [
        "12 countries"]


def test_an_undated_lead_told_in_the_perfect_is_dated_by_the_next_sentences():
    text = ("Four people have been arrested and charged over a series of courier frauds.\n\n"
            "They were arrested at addresses in Glasgow on Thursday, 28 November, and appear in court today.")
    assert events(text, published=date(2030, 12, 2))[0] == (
        "Four people have been arrested and charged over a series of courier frauds", "2030-11-28")
    # Nothing dated after it up to publication: no event.
    assert events("Four people have been arrested over courier frauds. Their trial opens on 3 March 2031.",
                  published=date(2030, 12, 2)) == [("Their trial opens on 3 March 2031", "2031-03-03")]


def test_a_run_of_days_to_the_end_of_the_month():
    assert events("The force will run a campaign in malls from February 18 until the end of the month.",
                  published=date(2030, 2, 17)) == [
        ("The force will run a campaign in malls from February 18 until the end of the month", "2030-02-18/2030-02-28")]


def test_a_possessive_date_names_a_thing_and_does_not_date_the_clause():
    assert [when for _, when in events("Today's agreement builds on the summit that the UK hosted in London in March 2024.",
                                       published=date(2026, 3, 5))] == ["2024-03"]


@pytest.mark.parametrize("text, expected", [
    ("Four of the suspects are Colombian nationals.", [("Four", Decimal(4), "suspects")]),
    ("Only two of the 14 national police forces replied.", [("two", Decimal(2), "national police forces")]),
    ("Operators notified 27 incidents, nine of which hit hospitals.", [("27 incidents", Decimal(27), "incidents"),
                                                                      ("nine", Decimal(9), "")]),
    ("It is one of the largest botnets.", []),  # a superlative ranks, it does not count
])
def test_a_part_of_a_named_whole_is_counted(text, expected):
    assert [(quote, value, unit) for quote, value, _, _, unit in figures(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("國際刑警組織上月二十七日在新加坡舉行行動總結會議。", "2024-10-27"),  # a day of last month
    ("警方上月18日至28日展開行動。", "2024-10-18/2024-10-28"),  # a run of days of last month
    ("警方過去十日（11月8日至17日）展開行動。", "2024-11-08/2024-11-17"),  # days in brackets after no weekday
    ("警方上週五至本週二（11月15日至19日）展開行動。", "2024-11-15/2024-11-19"),
])
def test_chinese_days_of_a_relative_month_and_in_brackets(text, expected):
    assert [when for _, when in events(text, ("zh-Hant",), date(2024, 11, 19))] == [expected]
