"""Place names every Chinese report may use: countries, provinces, cities, and Chongqing's districts.

General geography, not read from the curated corpus; chosen for reports from the Chengdu–Chongqing region
(Sichuan's cities and Chongqing's districts and counties are listed in full, elsewhere only major cities).
"""

from __future__ import annotations

COUNTRIES = """德国 泰国 斯里兰卡 乌干达 美国 英国 法国 日本 韩国 俄罗斯 新加坡
马来西亚 印度尼西亚 越南 老挝 柬埔寨 缅甸 巴基斯坦 哈萨克斯坦
乌兹别克斯坦 吉尔吉斯斯坦 塔吉克斯坦 澳大利亚 新西兰 加拿大 意大利 西班牙
瑞士 奥地利 荷兰 比利时 芬兰 瑞典 丹麦 挪威 南非 埃及 肯尼亚
埃塞俄比亚 尼日利亚 坦桑尼亚 赞比亚 印度 孟加拉国 尼泊尔 蒙古 阿联酋
沙特阿拉伯 巴西 阿根廷 智利 墨西哥 菲律宾 白俄罗斯 匈牙利 塞尔维亚 波兰
葡萄牙 希腊 土耳其 伊朗""".split()

PROVINCES = """四川 贵州 云南 陕西 湖北 湖南 河南 河北 山西 山东 江苏 浙江 安徽
江西 福建 广东 辽宁 吉林 黑龙江 甘肃 青海 海南 广西 内蒙古 西藏 宁夏
新疆""".split()

CITIES = """重庆 北京 上海 天津 成都 绵阳 宜宾 泸州 雅安 乐山 德阳 自贡 内江
南充 遂宁 达州 广安 眉山 资阳 巴中 广元 攀枝花 凉山州 阿坝州 甘孜州
青岛 清远 昆明 贵阳 西安 武汉 长沙 广州 深圳 杭州 南京 苏州 济南
郑州 合肥 南昌 福州 厦门 沈阳 大连 哈尔滨 兰州 西宁 海口 南宁
呼和浩特 拉萨 银川 乌鲁木齐 太原 石家庄 宁波 无锡 东莞 佛山""".split()

# Chongqing's districts and counties; the ones whose bare name is also a common word need 区/县.
DISTRICTS = """万州 黔江 涪陵 渝中 大渡口 沙坪坝 九龙坡 北碚 綦江 渝北 巴南 江津
合川 永川 南川 璧山 铜梁 潼南 荣昌 开州 梁平 武隆 城口 丰都 垫江
云阳 奉节 巫山 巫溪 秀山 酉阳 彭水""".split()
DISTRICTS_SUFFIX_ONLY = "江北 南岸 长寿 大足 忠县 石柱".split()


def places() -> dict[str, str]:
    """Every surface form → its ontology class (Country, Province, City, District)."""
    out: dict[str, str] = {}
    for name in COUNTRIES:
        out[name] = "Country"
    for name in PROVINCES:
        out[name] = out[name + ("省" if name not in ("广西", "内蒙古", "西藏", "宁夏", "新疆") else "")] = "Province"
    for name in CITIES:
        out[name] = "City"
        if not name.endswith("州"):
            out[name + "市"] = "City"
    for name in DISTRICTS:
        out[name] = out[name + ("县" if name in ("城口", "丰都", "垫江", "云阳", "奉节", "巫山", "巫溪", "秀山", "酉阳",
                                                "彭水") else "区")] = "District"
    for name in DISTRICTS_SUFFIX_ONLY:
        out[name if name.endswith("县") else name + "区"] = "District"
    return out
