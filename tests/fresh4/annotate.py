#!/usr/bin/env python3
"""Hand annotation of the fresh4 blind set (issue 12: orgs, people and target subjects on
real-page-style text); this script only finds offsets.

The twelve texts were written for this set, in the style of the public pages studied in
tests/realworld/PHENOMENA.md (nothing copied from those pages, nor from dev, dev2 or fresh*).
Every value below was decided by reading the texts against shared/eval/ANNOTATION.md BEFORE the
tool was run on them. Each document line also carries `locale` (where the text speaks from, as
meta.locale would say); the evaluator does not score it.

Run: python3 tests/fresh4/annotate.py > tests/fresh4/gold.jsonl
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from goldkit import C, D, DIM, O, P, Q, R, T, GoldSet, locate  # noqa: E402,F401

HERE = os.path.dirname(os.path.abspath(__file__))

GOLD = GoldSet()
LOCALE = {}


def doc(doc_id, ref, locale, *entities):
    LOCALE[doc_id] = locale
    GOLD.doc(doc_id, ref, *entities)


# 01 city work report (abstract on the government portal): 主要预期目标 list continued past a full
# stop, a task list under 要重点抓好, 上年 in a plan, a range target, set-aside money, bylines.
LZ = "岚州市"
doc("fresh4-01", "2025-01-10", "mainland",
    # the headline names the report itself: a date in a document's title, doubtful
    D("2025年", "2025", at="岚州市2025年政府工作报告", optional=True),
    D("2025-01-10", "2025-01-10"), D("1月9日", "2025-01-09"),
    D("2024年", "2024"), Q("2316.5亿元", 2.3165e11, "CNY"), Q("5.6%", 5.6, "%"),
    Q("168.2亿元", 1.682e10, "CNY"), Q("4.1%", 4.1, "%"), Q("5.3万人", 53000, "人"),
    D("2025年", "2025", at="报告提出，2025年"),
    Q("5.5%左右", 5.5, "%", "~", at="地区生产总值增长5.5%左右"),
    T("地区生产总值增长5.5%左右", "地区生产总值增长", "~", "%", 5.5,
      year=2025, subject=LZ, modality="预期目标"),
    Q("7%", 7, "%", at="工业增加值增长7%"),
    T("规模以上工业增加值增长7%", "规模以上工业增加值增长", "=", "%", 7,
      year=2025, subject=LZ, modality="预期目标"),
    Q("6%以上", 6, "%", ">"),
    T("固定资产投资增长6%以上", "固定资产投资增长", ">", "%", 6, year=2025, subject=LZ, modality="预期目标"),
    # the list goes on past the full stop
    Q("5.5%", 5.5, "%", at="零售总额增长5.5%"),
    T("社会消费品零售总额增长5.5%", "社会消费品零售总额增长", "=", "%", 5.5,
      year=2025, subject=LZ, modality="预期目标"),
    Q("突破600亿元", 6e10, "CNY", ">"),
    T("外贸进出口总额力争突破600亿元", "外贸进出口总额", ">", "CNY", 6e10,
      year=2025, subject=LZ, modality="力争"),
    Q("5.5%以内", 5.5, "%", "<="),
    T("城镇调查失业率控制在5.5%以内", "城镇调查失业率", "<=", "%", 5.5, year=2025, subject=LZ, modality="预期目标"),
    Q("3%左右", 3, "%", "~"),
    T("居民消费价格涨幅3%左右", "居民消费价格涨幅", "~", "%", 3, year=2025, subject=LZ, modality="预期目标"),
    Q("2.5%左右", 2.5, "%", "~"),
    T("单位地区生产总值能耗下降2.5%左右", "单位地区生产总值能耗下降", "~", "%", 2.5,
      year=2025, subject=LZ, modality="预期目标"),
    Q("115万吨以上", 1.15e6, "t", ">"),
    T("粮食产量稳定在115万吨以上", "粮食产量", ">", "t", 1.15e6, year=2025, subject=LZ, modality="预期目标"),
    D("今年", "2025"),
    Q("320个", 320, "个"),
    T("拟安排市级重大项目320个", "市级重大项目", "=", "个", 320, year=2025, subject=LZ, modality="拟安排"),
    Q("1050亿元", 1.05e11, "CNY"),
    T("年度计划投资1050亿元", "年度投资", "=", "CNY", 1.05e11, year=2025, subject=LZ, modality="计划"),
    D("上年", "2024"),   # the year before the plan year
    Q("8%", 8, "%", at="比上年增长8%"),
    T("比上年增长8%", "年度计划投资增长", "=", "%", 8, year=2025, subject=LZ, optional=True),
    # items of the task list with no plan word of their own: targets, no modality
    Q("80家", 80, "家"),
    T("新增“专精特新”企业80家", "新增专精特新企业", "=", "家", 80, year=2025, subject=LZ),
    Q("150家以上", 150, "家", ">"),
    T("高新技术企业150家以上", "新增高新技术企业", ">", "家", 150, year=2025, subject=LZ),
    R("1至2条", 1, 2, "条"),
    T("开工建设1至2条城市快速通道", "开工建设城市快速通道", "between", "条", lo=1, hi=2, year=2025, subject=LZ),
    Q("4000套", 4000, "套"),
    T("全年计划筹集保障性租赁住房4000套", "筹集保障性租赁住房", "=", "套", 4000,
      year=2025, subject=LZ, modality="计划"),
    Q("2亿元", 2e8, "CNY", at="应急资金2亿元"),   # 已预留: set aside, quantity only
    O("岚州市人民政府", ["市人民政府", "岚州市政府"]),
    O("岚州市人民政府办公室", optional=True),
    # the congress as a body (its session is an event): doubtful
    O("岚州市人民代表大会", ["岚州市第十七届人民代表大会"], optional=True),
    O("岚州日报"),
    O("岚州市财政局", ["市财政"], optional=True),
    P("邵明川", ["市长"]), P("冯子墨", ["记者"]), P("韩笑", ["实习生"]),
    P("钟语桐", ["编辑"]), P("石嘉宁", ["审核"]),
    )

# 02 port group's annual work meeting: leader list without titles, results then a coordinated
# target list, a subsidiary committing for itself (short name, then the full name in brackets),
# a project forecast, 大型企业集团 / 五大业务板块 that are no orgs.
CJ = "澄江港航集团有限公司"
doc("fresh4-02", "2025-02-14", "mainland",
    D("2025年", "2025", at="召开2025年工作会议暨二届"),
    D("2025-02-14", "2025-02-14"), D("2月13日", "2025-02-13"),
    D("2025年", "2025", at="有限公司召开2025年"),
    D("2024年", "2024"),
    Q("1.26亿吨", 1.26e8, "t"), Q("6.3%", 6.3, "%"),
    Q("突破300万标箱", 3e6, "标箱", ">"),
    Q("182.4亿元", 1.824e10, "CNY"), Q("9.7亿元", 9.7e8, "CNY"), Q("7.1%", 7.1, "%"), Q("4.5%", 4.5, "%"),
    D("2025年", "2025", at="会议明确，2025年"),
    Q("1.32亿吨", 1.32e8, "t"),
    T("货物吞吐量1.32亿吨", "货物吞吐量", "=", "t", 1.32e8, year=2025, subject=CJ, modality="目标"),
    Q("200亿元", 2e10, "CNY"),
    T("营业收入200亿元", "营业收入", "=", "CNY", 2e10, year=2025, subject=CJ, modality="目标"),
    Q("10.5亿元", 1.05e9, "CNY"),
    T("利润总额10.5亿元", "利润总额", "=", "CNY", 1.05e9, year=2025, subject=CJ, modality="目标"),
    Q("330万标箱", 3.3e6, "标箱"),
    T("力争集装箱吞吐量达到330万标箱", "集装箱吞吐量", "=", "标箱", 3.3e6, year=2025, subject=CJ, modality="力争"),
    Q("45亿元", 4.5e9, "CNY"),
    T("全年完成固定资产投资45亿元", "固定资产投资", "=", "CNY", 4.5e9, year=2025, subject=CJ, modality="目标"),
    Q("3条以上", 3, "条", ">"),
    T("新开通内贸航线3条以上", "新开通内贸航线", ">", "条", 3,
      year=2025, subject="澄江集装箱码头有限公司", modality="确保"),
    # a project's total and its forecast: no year of their own
    Q("28亿元", 2.8e9, "CNY"),
    T("计划总投资28亿元", "总投资", "=", "CNY", 2.8e9, subject=CJ, modality="计划"),
    Q("150万标箱", 1.5e6, "标箱"),
    T("新增年通过能力150万标箱", "新增年通过能力", "=", "标箱", 1.5e6, subject=CJ, modality="可"),
    Q("五大", 5, "", optional=True),   # 五大业务板块: a count in a category name, doubtful
    O(CJ, ["澄江港航集团"]),
    O("澄江集装箱码头有限公司", ["码头公司"]),
    O("市国资委"),
    O("澄江港航集团有限公司党群工作部", ["党群工作部"], optional=True),
    O("澄江港航集团有限公司党委", ["集团党委"], optional=True),
    P("魏承泽", ["党委书记", "董事长"]), P("卢静安", ["党委副书记", "总经理"]),
    # 集团领导 is no title; 文/ and 图/ are not byline roles of ANNOTATION.md
    P("温少峰"), P("柯雨航"), P("潘立夏"), P("樊启东"),
    P("童国梁", ["党委委员", "副主任"]),
    P("严书琪"), P("陆晨"),
    )

# 03 signing story reposted by a portal: 作者 is a site, a byline with one reporter and two
# correspondents, 以下简称, two titles of two bodies over one name, forecasts after 投产达效后,
# the county's own goal, an SEO tail (related headlines, share bar, disclaimer, ICP).
HS = "浙江恒晟新能源科技股份有限公司"
TX = "桐溪县"
doc("fresh4-03", "2024-09-23", "mainland",
    Q("86亿元", 8.6e9, "CNY", at="总投资86亿元！"),   # plain 总投资 in the headline: quantity only
    D("2024-09-23", "2024-09-23"), D("9月20日", "2024-09-20"),
    Q("86亿元", 8.6e9, "CNY", at="计划总投资86亿元"),
    T("计划总投资86亿元", "总投资", "=", "CNY", 8.6e9, subject=HS, modality="计划"),
    Q("两期", 2, "期"),
    Q("10万吨", 1e5, "t"),
    # a capacity naming the line to be built: doubtful
    T("年产10万吨磷酸铁锂正极材料", "年产磷酸铁锂正极材料", "=", "t", 1e5, subject=HS, optional=True),
    D("2025年6月", "2025-06"),
    Q("150亿元", 1.5e10, "CNY"),
    T("年产值150亿元", "年产值", "=", "CNY", 1.5e10, at="可实现年产值150亿元", subject=HS, modality="可"),
    Q("6亿元", 6e8, "CNY", at="年税收6亿元"),
    T("年税收6亿元", "年税收", "=", "CNY", 6e8, subject=HS, modality="可"),
    Q("2000人以上", 2000, "人", ">"),
    T("带动就业2000人以上", "带动就业", ">", "人", 2000, subject=HS),
    D("今年", "2024"),
    Q("亿元以上", 1e8, "CNY", ">", optional=True),
    Q("38个", 38, "个"), Q("312亿元", 3.12e10, "CNY"),
    Q("突破50个", 50, "个", ">"),
    T("全年力争新签约项目突破50个", "新签约项目", ">", "个", 50, year=2024, subject=TX, modality="力争"),
    # the related-headline list: annotated like any text
    D("前8月", "2024-01/2024-08"), Q("9.2%", 9.2, "%"),
    D("上半年", "2024-H1"), Q("31%", 31, "%"),
    C("0563-2218806", "phone", "0563-2218806"),
    O("皖江资讯网"), O("桐溪县融媒体中心"), O("皖南在线"),
    O("桐溪县人民政府"),
    O(HS, ["恒晟新能"]),
    O("桐溪县委", ["县委"], optional=True),
    P("许可心", ["责任编辑"]), P("陶然", ["记者"]), P("樊清", ["通讯员"]), P("吕梦瑶", ["通讯员"]),
    P("吕定坤", ["市委常委", "县委书记"]), P("贺一鸣", ["县长"]), P("严柏涛", ["董事长"]),
    P("殷若兰", ["县委常委", "常务副县长"]), P("黄启明", ["总经理"]),
    )

# 04 city statistics bureau monthly brief: 1—11月 periods, results only, one spokesman's forecast
# for the year, 年初 referring back, an attachment name, a share bar.
doc("fresh4-04", "2024-12-20", "mainland",
    D("1—11月", "2024-01/2024-11", at="嵊阳市1—11月"),
    D("2024-12-20", "2024-12-20"),
    D("1—11月", "2024-01/2024-11", at="1—11月，全市经济运行"),
    D("1—11月", "2024-01/2024-11", at="1—11月，全市规模以上"),
    Q("6.8%", 6.8, "%"), D("1—10月", "2024-01/2024-10"), Q("0.4个百分点", 0.4, "pp"),
    Q("37个", 37, "个"), Q("26个", 26, "个"), Q("70.3%", 70.3, "%"),
    D("11月份", "2024-11"), Q("7.5%", 7.5, "%"),
    D("1—11月", "2024-01/2024-11", at="1—11月，全市固定"),
    Q("4.2%", 4.2, "%"), Q("12.6%", 12.6, "%"), Q("1.8%", 1.8, "%"),
    D("1—11月", "2024-01/2024-11", at="1—11月，全市实现"),
    Q("1286.4亿元", 1.2864e11, "CNY"), Q("5.1%", 5.1, "%"), Q("46.3%", 46.3, "%"),
    D("1—11月", "2024-01/2024-11", at="1—11月，一般公共"),
    Q("153.7亿元", 1.537e10, "CNY"), Q("3.9%", 3.9, "%"),
    D("11月末", "2024-11"), Q("8652.3亿元", 8.6523e11, "CNY"),
    D("年初", "2024-01", at="比年初", optional=True),   # not after a year: doubtful (dev2 convention)
    Q("612.5亿元", 6.125e10, "CNY"),
    # a forecast for the year by the statistics bureau: a target with no committing subject
    Q("5.5%左右", 5.5, "%", "~"),
    T("地区生产总值增长5.5%左右", "地区生产总值增长", "~", "%", 5.5, year=2024, modality="预计"),
    Q("7%左右", 7, "%", "~"),
    T("规上工业增加值增长7%左右", "规上工业增加值增长", "~", "%", 7, year=2024, modality="预计"),
    D("年初", "2024-01", at="年初确定", optional=True),
    D("1—11月", "2024-01/2024-11", at="附件：1—11月", optional=True),   # a file name
    O("嵊阳市统计局", ["市统计局"]),
    O("嵊阳市统计局综合科", optional=True),
    P("范思远", ["新闻发言人"]),
    )

# 05 county media centre repost of a party standing committee meeting: titles over a list of
# names, a name that is also a place (万宁), a compound surname, 中组部, 铺排, a bare page counter
# (阅读：2031) that is no year.
FL = "枫林县"
doc("fresh4-05", "2025-03-12", "mainland",
    D("一季度", "2025-Q1", at="研究部署一季度"),
    D("2025-03-12", "2025-03-12"), D("3月11日", "2025-03-11"),
    D("1—2月", "2025-01/2025-02"),
    D("今年", "2025"),
    Q("96个", 96, "个"),
    T("铺排重点项目96个", "重点项目", "=", "个", 96, year=2025, subject=FL, modality="铺排"),
    Q("310亿元", 3.1e10, "CNY"),
    T("总投资310亿元", "总投资", "=", "CNY", 3.1e10, year=2025, subject=FL, modality="铺排", optional=True),
    Q("85亿元", 8.5e9, "CNY"),
    T("年度计划投资85亿元", "年度投资", "=", "CNY", 8.5e9, year=2025, subject=FL, modality="计划"),
    Q("41个", 41, "个"),
    T("新开工项目41个", "新开工项目", "=", "个", 41, year=2025, subject=FL, modality="铺排", optional=True),
    Q("6%以上", 6, "%", ">"),
    T("确保全年地区生产总值增长6%以上", "地区生产总值增长", ">", "%", 6, year=2025, subject=FL, modality="确保"),
    Q("25家", 25, "家"),
    T("力争新增规上工业企业25家", "新增规上工业企业", "=", "家", 25, year=2025, subject=FL, modality="力争"),
    D("一季度", "2025-Q1", at="一季度重点项目"),
    Q("不低于60%", 60, "%", ">="),
    T("重点项目开工率不低于60%", "重点项目开工率", ">=", "%", 60, year=2025, subject=FL),
    O("枫林县融媒体中心", ["县融媒体中心"]),
    O("中组部"),
    O("省委", optional=True), O("市委", optional=True),   # unnamed province and city
    O("枫林县委", ["县委"], optional=True),
    O("县发改局", ["枫林县发改局"]), O("县工信局", ["枫林县工信局"]),
    O("县广播电视台", ["枫林县广播电视台"]),
    O("枫林县人大常委会", ["县人大常委会"], optional=True),
    O("枫林县政协", ["县政协"], optional=True),
    P("游国栋", ["市委常委", "县委书记"]), P("覃素梅", ["县委副书记", "县长"]), P("贾文清", ["县委副书记"]),
    # 县委常委 is a title and stands over the whole list (as a byline role covers every name)
    P("万宁", ["县委常委"]), P("欧阳劲松", ["县委常委"]), P("卜晓岚", ["县委常委"]),
    P("孔德海", ["主任"]), P("闵泽", ["主席"]),
    P("邱晓雯", ["记者"]), P("杜若", ["编辑"]), P("聂远航", ["审核"]),
    )

# 06 mirrored page, simplified with pinyin glosses (inside names and metrics): a fund that is an
# org, 以下简称 in ASCII quotes, a 到2027年 list, five industry clusters that are no org.
RW = "榕湾高新区"
doc("fresh4-06", "2024-11-06", "mainland",
    Q("5亿元", 5e8, "CNY", at="首期规模5亿元\n"),
    D("2024-11-06", "2024-11-06"), D("11月5日", "2024-11-05"),
    Q("20亿元", 2e9, "CNY"),                     # an existing fund's size: a fact
    Q("5亿元", 5e8, "CNY", at="首期规模5亿元,"),
    Q("8年", 8, "year"),
    Q("三大", 3, "", optional=True),
    D("今年前三季度", "2024-Q1/2024-Q3"),
    Q("612.3亿元", 6.123e10, "CNY"), Q("9.4%", 9.4, "%"),
    Q("三年", 3, "year", at="三年行动计划", optional=True),   # part of a plan's name
    D("2027年", "2027"),
    Q("突破1000亿元", 1e11, "CNY", ">"),
    T("规上工业总产值突破1000亿元", "规上工业总产值", ">", "CNY", 1e11, year=2027, subject=RW, modality="力争"),
    Q("500家", 500, "家"),
    T("高新技术企(qǐ)业达到500家", "高新技术企业", "=", "家", 500, year=2027, subject=RW, modality="力争"),
    Q("五大", 5, "", optional=True),
    Q("不少于60亿元", 6e9, "CNY", ">="),
    T("带动社会资本投资不少于60亿元", "带动社会资本投资", ">=", "CNY", 6e9,
      subject="榕湾高新区产业投资基金", modality="计划"),
    Q("不少于12场", 12, "场", ">="),
    T("每年举办项目路演不少于12场", "举办项目路演", ">=", "场", 12,
      subject="榕湾市产业投资集团有限公司", modality="将"),
    O("榕湾日报"),
    O("榕湾高新区管委会", ["高新区管委会", "管委会"]),
    O("高新区财政局", ["榕湾高新区财政局"]),
    O("榕湾市产业投资集团有限公司", ["市产投集团"]),
    O("榕湾高新区产业投资基金"),
    O("榕湾市民营经济促进会"),
    P("沈佳", ["记者"]), P("彭雨桐", ["通讯员"]), P("卓行远", ["主任"]), P("华子默", ["董事长"]),
    P("龚韵", ["编辑"]),
    )

# 07 Taiwan ministry press release: ROC dates, 新臺幣 once then plain 元 (TWD), an association with
# 以下簡稱, 今（18）日 after a name, a plan name with its years, a subsidy cap (a rule), money already
# budgeted, a city government's own goal, the 新聞聯絡人 footer.
ZS = "环境部资源循环署"
doc("fresh4-07", "2024-07-18", "taiwan",
    D("113-07-18", "2024-07-18"),
    Q("4年", 4, "year", at="啟動 4年投入"),
    Q("新臺幣36億元", 3.6e9, "TWD"),
    T("4年投入新臺幣36億元", "投入", "=", "TWD", 3.6e9, optional=True),   # the headline of the plan below
    D("今（18）日", "2024-07-18"),
    D("114至117年", "2025/2028", optional=True),   # years closing a 「…」 plan name
    Q("約55萬公噸", 5.5e5, "t", "~"),
    Q("約58%", 58, "%", "~"),
    Q("4年", 4, "year", at="預計4年投入"),
    Q("36億元", 3.6e9, "TWD", at="4年投入36億元"),
    T("投入36億元", "投入", "=", "TWD", 3.6e9, at="預計4年投入36億元", subject=ZS, modality="预计"),
    D("114年度", "2025"),
    Q("12個", 12, "个"),
    T("補助12個縣市", "补助县市", "=", "个", 12, year=2025, subject=ZS, modality="将"),
    Q("上限為1,500萬元", 1.5e7, "TWD", "<="),   # a standing subsidy rule: quantity only
    D("117年底", "2028"),   # fixed after the first run: ROC 117 is 2028 (was 2027, a slip)
    Q("70%以上", 70, "%", ">"),
    T("廚餘再利用率提高至70%以上", "厨余再利用率", ">", "%", 70, year=2028, subject=ZS, modality="目标"),
    Q("300公噸", 300, "t"),
    T("新增厭氧消化處理量每日300公噸", "新增厌氧消化处理量", "=", "t", 300, year=2028, subject=ZS, modality="目标"),
    D("113年度", "2024"),
    Q("2.4億元", 2.4e8, "TWD"),                  # 已編列: budgeted, quantity only
    D("明年", "2025"),
    Q("2座", 2, "座"),
    T("完成2座廚餘處理廠改善", "厨余处理厂改善", "=", "座", 2, year=2025, subject="台中市政府", modality="争取"),
    C("(02)2311-7722 分機 2701", "phone", "(02)2311-7722分機2701"),
    C("0933-218-406", "phone", "0933-218-406"),
    C("yawen.cheng@moenv.gov.tw", "email", "yawen.cheng@moenv.gov.tw"),
    O(ZS, ["资源循环署"]),
    O("环境部", optional=True),
    O("中华民国资源回收再利用协进会", ["协进会"]),
    O("台中市政府", ["市府"]),
    O("台中市政府环境保护局", optional=True),
    O("环境部资源循环署综合规划组", ["资源循环署综合规划组", "综合规划组"], optional=True),
    P("孙介文", ["署长"]), P("邱振邦", ["理事长"]), P("赖宜君", ["局长"]), P("郑雅文", ["副组长"]),
    )

# 08 Taiwan county press release: 縣府 / 鄉公所 / 農會 / 同鄉會, plain 元 amounts in 億+萬 form, a
# project forecast, a decade in ROC years, 一一四年度 in Chinese numerals, a farmers' association's
# own goal.
HL = "花莲县政府"
doc("fresh4-08", "2024-10-05", "taiwan",
    D("113年10月5日", "2024-10-05"),
    Q("2億4,800萬元", 2.48e8, "TWD", at="動土 總經費2億4,800萬元"),
    D("今（5）日", "2024-10-05"),
    Q("新臺幣2億4,800萬元", 2.48e8, "TWD"),      # plain 總經費: quantity only
    Q("1億6,000萬元", 1.6e8, "TWD"), Q("8,800萬元", 8.8e7, "TWD"),
    D("115年6月", "2026-06"),
    Q("約320公頃", 320, "ha", "~"),
    T("增加灌溉面積約320公頃", "增加灌溉面积", "~", "ha", 320, subject=HL, modality="可"),
    Q("逾900戶", 900, "户", ">"),
    T("受益農戶逾900戶", "受益农户", ">", "户", 900, subject=HL, optional=True),
    D("民國六十年代", "1971/1980", optional=True),
    Q("6.2公里", 6.2, "km"),
    T("更新渠道6.2公里", "更新渠道", "=", "km", 6.2, subject=HL, modality="将"),
    Q("14座", 14, "座"),
    T("設置智慧水門14座", "设置智慧水门", "=", "座", 14, subject=HL, modality="将"),
    D("明年", "2025"),
    Q("約1億元", 1e8, "TWD", "~"),
    T("再投入約1億元", "投入", "~", "TWD", 1e8, subject=HL, modality="预估"),
    D("今年", "2024"), Q("85公頃", 85, "ha"),
    D("一一四年度", "2025"),
    Q("120公頃", 120, "ha"),
    T("目標提高到120公頃", "有机验证面积", "=", "ha", 120, year=2025, subject="富里乡农会", modality="目标"),
    C("03-822-7171 分機 385", "phone", "03-822-7171分機385"),
    O(HL, ["县府"]),
    O("富里乡公所"),
    O("富里乡农会", ["农会"]),
    O("花莲县旅北同乡会"),
    O("花莲县政府农业处", ["农业处", "县府农业处"], optional=True),
    P("叶明珊", ["县长"]), P("温志豪", ["总干事"]), P("林冠宇", ["技正"]),
    )

# 09 Hong Kong government press release: plain 元 (HKD), dates in Chinese numerals, approved and
# set-aside money (quantities only), the area as the subject of its forecasts, 較早時 after a name.
doc("fresh4-09", "2025-05-23", "hong_kong",
    D("今日", "2025-05-23", at="發言人今日（"),
    D("五月二十三日", "2025-05-23"),
    D("今日", "2025-05-23", at="委員會今日批准"),
    Q("約86億3,000萬元", 8.63e9, "HKD", "~"),   # approved appropriation: quantity only
    D("二○二五年年底", "2025"),
    D("2031年", "2031"),
    Q("約5萬個", 50000, "个", "~"),
    T("可提供約5萬個公營及私營住宅單位", "公营及私营住宅单位", "~", "个", 50000,
      subject="将军澳第137区", modality="预计"),
    Q("約13萬5千人口", 135000, "人", "~", optional=True),
    T("容納約13萬5千人口", "容纳人口", "~", "人", 135000, subject="将军澳第137区", optional=True),
    Q("約1萬個", 10000, "个", "~"),
    T("創造約1萬個就業機會", "创造就业机会", "~", "个", 10000, subject="将军澳第137区", modality="预计"),
    D("2025-26財政年度", "2025/2026"),
    Q("約120億元", 1.2e10, "HKD", "~"),         # 已預留: quantity only
    Q("五年", 5, "year", at="未來五年內"),
    Q("不少於17萬2千個", 172000, "个", ">="),
    T("提供不少於17萬2千個公營房屋單位", "提供公营房屋单位", ">=", "个", 172000,
      subject="特区政府", modality="目标"),
    Q("約2.4公里", 2.4, "km", "~"),
    T("設置約2.4公里的臨時行車路", "临时行车路", "~", "km", 2.4, subject="土木工程拓展署", modality="将"),
    Q("6座", 6, "座"),
    T("6座臨時抽水站", "临时抽水站", "=", "座", 6, subject="土木工程拓展署", modality="将"),
    D("2025年5月23日", "2025-05-23"),
    O("发展局"),
    O("立法会财务委员会", ["财务委员会"], optional=True),
    O("立法会", optional=True),
    O("土木工程拓展署", ["拓展署"]),
    O("特区政府", ["香港特区政府"], optional=True),
    P("邝思远", ["局长"]), P("周兆康", ["署长"]),
    )

# 10 Hong Kong release: 港元 with a standing note, HK$, 美元 named in the mention, a scheme's
# forecasts (subject: the office that runs it), a market projection and an applicant's duty that
# are no goals of anybody here.
CX = "创新科技署"
doc("fresh4-10", "2025-03-06", "hong_kong",
    D("今日", "2025-03-06", at="創新科技署今日"), D("三月六日", "2025-03-06"),
    D("二○二五年四月一日", "2025-04-01"),
    Q("一元", 1, "HKD", optional=True), Q("兩元", 2, "HKD", optional=True),   # a matching ratio
    Q("上限為1,500萬港元", 1.5e7, "HKD", "<="),
    Q("100億元", 1e10, "HKD"),                   # 已…預留: quantity only
    Q("三年", 3, "year", at="首三年"),
    Q("約100個", 100, "个", "~"),
    T("資助約100個項目", "资助项目", "~", "个", 100, subject=CX, modality="预计"),
    Q("不少於200億元", 2e10, "HKD", ">="),
    T("帶動私人研發及生產線投資不少於200億元", "带动私人研发及生产线投资", ">=", "HKD", 2e10,
      subject=CX, modality="预计"),
    Q("約2,000個", 2000, "个", "~"),
    T("創造約2,000個科研及技術職位", "创造科研及技术职位", "~", "个", 2000, subject=CX, modality="预计"),
    D("2030年", "2030"),
    Q("5,000億美元", 5e11, "USD"),
    T("市場規模預計於2030年達到5,000億美元", "全球智能制造市场规模", "=", "USD", 5e11, optional=True),
    Q("三年", 3, "year", at="在三年內"),
    Q("最少5名", 5, "名", ">="),
    T("聘用最少5名本地科研人員", "聘用本地科研人员", ">=", "名", 5, optional=True),
    Q("最高HK$50,000", 50000, "HKD", "<="),
    C("3655 5800", "phone", "36555800"),
    C("www.itf.gov.hk", "url", "www.itf.gov.hk"),
    D("2025年3月6日", "2025-03-06"),
    O(CX), O("创新科技及工业局"), O("香港生产力促进局", ["生产力局"]),
    P("蒋德文", ["局长"]), P("区卓然", ["署长"]),
    )

# 11 Macau public works award: 澳門元 in capital numerals, a bare $ amount, a standing note
# (澳門元，下同), 本年度, a budget (quantity only), the government's own plan.
GW = "公共工程局"
# (goldkit.DIM has no MOP: the currency dimension is given by hand)
doc("fresh4-11", "2024-08-15", "macau",
    D("今（15）日", "2024-08-15"),
    Q("澳門元貳億叁仟陸佰萬元", 2.36e8, "MOP", dimension="currency"),
    Q("$236,000,000.00", 2.36e8, "MOP", optional=True, dimension="currency"),
    Q("540個工作日", 540, "day", optional=True),   # working days: no unit for them
    Q("7層", 7, "层"),
    D("2026年第三季", "2026-Q3"),
    Q("約1,100個", 1100, "个", "~"),
    T("可提供約1,100個輕型汽車泊位", "提供轻型汽车泊位", "~", "个", 1100, subject=GW, modality="可"),
    Q("250個", 250, "个"),
    T("250個電單車泊位", "电单车泊位", "=", "个", 250, subject=GW, modality="可"),
    Q("不少於60個", 60, "个", ">="),
    T("設置不少於60個電動車充電位", "设置电动车充电位", ">=", "个", 60, subject=GW),
    D("本年度", "2024"),
    Q("約為185億元", 1.85e10, "MOP", "~", dimension="currency"),     # a budget: quantity only
    D("7月底", "2024-07"),
    Q("約42%", 42, "%", "~"),
    D("2025年", "2025"),
    Q("約3,000個", 3000, "个", "~"),
    T("新增約3,000個公共泊車位", "新增公共泊车位", "~", "个", 3000,
      year=2025, subject="澳门特别行政区政府", modality="计划"),
    C("(853) 2859 3300", "phone", "(853)28593300"),
    C("info@dspo.gov.mo", "email", "info@dspo.gov.mo"),
    O(GW, ["澳门特别行政区政府公共工程局"]),
    O("澳门特别行政区政府", ["特区政府"], optional=True),
    O("港澳宏建工程有限公司"), O("澳门立信建筑置业有限公司"),
    P("容家乐", ["局长"]),
    )

# 12 mirrored mainland page in traditional characters with glosses and doubled commas: a signing
# round-up, a county leader list without titles, a chamber of commerce, a short company name with
# the full name in brackets, forecasts, a range target, the county's goals, a related headline.
LX = "阆溪县"
RT = "深圳瑞途智能装备有限公司"
doc("fresh4-12", "2025-03-28", "mainland",
    D("2025年一季度", "2025-Q1", at="溪縣2025年一季度重大"),
    Q("58.6億元", 5.86e9, "CNY", at="總金額58.6億元\n"),
    D("2025-03-28", "2025-03-28"),
    D("3月27日上午", "2025-03-27"),
    D("2025年一季度", "2025-Q1", at="溪縣2025年一季度招商"),
    Q("12個", 12, "个"),
    Q("58.6億元", 5.86e9, "CNY", at="協議總金額58.6億元"),
    Q("20余名", 20, "名", ">"),
    Q("15億元", 1.5e9, "CNY"),
    # 投資…建設 in a signing with no plan word: doubtful
    T("投資15億元", "投资", "=", "CNY", 1.5e9, subject=RT, optional=True),
    Q("30億元", 3e9, "CNY"),
    T("年產(chǎn)值30億元", "年产值", "=", "CNY", 3e9, subject=RT, modality="预计"),
    Q("1.5億元", 1.5e8, "CNY"),
    T("稅收1.5億元", "税收", "=", "CNY", 1.5e8, subject=RT, modality="预计"),
    Q("6.2億元", 6.2e8, "CNY"),
    # the park's builder is not named: the county that signs it
    T("計劃總投資6.2億元", "总投资", "=", "CNY", 6.2e8, subject=LX, modality="计划"),
    R("3至5家", 3, 5, "家"),
    T("帶動3至5家農產(chǎn)品加工企業(yè)入駐", "带动农产品加工企业入驻", "between", "家", lo=3, hi=5,
      subject=LX, modality="将"),
    D("今年", "2025"),
    Q("億元以上", 1e8, "CNY", ">", optional=True),
    Q("60個", 60, "个"),
    T("引進億元以上項(xiàng)目60個", "引进亿元以上项目", "=", "个", 60, year=2025, subject=LX, modality="力争"),
    Q("15%以上", 15, "%", ">"),
    T("實際到位資金增長15%以上", "实际到位资金增长", ">", "%", 15, year=2025, subject=LX, modality="力争"),
    Q("70%", 70, "%"),
    T("簽約項(xiàng)目開工率達到70%", "签约项目开工率", "=", "%", 70, year=2025, subject=LX, modality="确保"),
    D("1-2月", "2025-01/2025-02"), Q("8.1%", 8.1, "%"),
    O("阆溪新闻网"),
    O("阆溪县委", ["县委"], optional=True),
    O("深圳市阆溪商会"),
    O("阆溪现代农业产业园", optional=True),   # a park project (dev2: parks optional)
    O(RT, ["瑞途智造"]),
    P("邬长林", ["编辑"]), P("庞海涛", ["县委书记"]), P("祁文彬", ["县委副书记", "县长"]),
    P("骆刚"), P("苗欣"), P("易天宇"),
    P("陆家豪", ["会长"]),
    )


def main():
    for doc_id, ref, entities in GOLD.docs:
        path = f"texts/{doc_id}.txt"
        with open(os.path.join(HERE, path), encoding="utf-8") as f:
            raw = f.read()
        out = [locate(raw, doc_id, dict(e), at) for e, at in entities]
        for e in out:
            if e["type"] == "quantity" and e.get("comparator") == "=":
                del e["comparator"]
        print(json.dumps({"id": doc_id, "file": path, "reference_date": ref, "locale": LOCALE[doc_id],
                          "entities": out}, ensure_ascii=False))


if __name__ == "__main__":
    main()
