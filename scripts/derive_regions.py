#!/usr/bin/python3
"""Derive heatlift's provincial data (data/regions/) from the shared raw material.

Usage (from the repository root):

    /usr/bin/python3 scripts/derive_regions.py ../shared

Reads, under the given folder:

* ``climate/design-conditions.csv`` -- GB 50736-2012 Appendix A: for each capital's
  station the number of days with a daily mean <= +5 C and the mean temperature in
  that period (the heating period), and the heating design temperature;
* ``climate/epw-summary.csv`` -- HDD18 (base 18 C, whole year) of the CSWD typical year
  of each capital (computed from the EPW daily means), and the indicative GB 50176 zone.

Writes (and nothing else):

* ``data/regions/provinces.csv`` -- 31 provinces with ISO 3166-2:CN and GB/T 2260 codes,
  names, 2020 census population, representative station, degree days, GB 50176 climate
  zone, grid region and the province's grid emission factor where one is published;
* ``data/regions/grids.csv`` -- national and regional grid emission factors 2022, 2023.

The population, the grid factors and the province-to-grid mapping are facts typed in
below with their sources; the build never reads the shared folder.
"""

import csv
import os
import sys

# 7th national population census, resident population on 2020-11-01 (persons). National
# Bureau of Statistics, 第七次全国人口普查公报（第三号）——地区人口情况, 2021-05-11, table 3-1,
# as reproduced at https://zczxwang.com/news/show-65274.html (checked: the 31 values sum
# to 1,409,778,724 = national 1,411,778,724 less 2,000,000 active-duty military).
#
# iso: ISO 3166-2:CN; adcode: GB/T 2260 province code; capital: the representative
# GB 50736 station's city; zone: GB 50176-2016 zone of the capital (see ZONE_NOTE);
# grid: regional grid (see GRID_NOTE).
PROVINCES = [
    # iso,   adcode, zh,       en,               population, capital,   grid
    ("CN-BJ", 110000, "北京", "Beijing", 21893095, "北京", "north"),
    ("CN-TJ", 120000, "天津", "Tianjin", 13866009, "天津", "north"),
    ("CN-HE", 130000, "河北", "Hebei", 74610235, "石家庄", "north"),
    ("CN-SX", 140000, "山西", "Shanxi", 34915616, "太原", "north"),
    ("CN-NM", 150000, "内蒙古", "Inner Mongolia", 24049155, "呼和浩特", "north"),
    ("CN-LN", 210000, "辽宁", "Liaoning", 42591407, "沈阳", "northeast"),
    ("CN-JL", 220000, "吉林", "Jilin", 24073453, "长春", "northeast"),
    ("CN-HL", 230000, "黑龙江", "Heilongjiang", 31850088, "哈尔滨", "northeast"),
    ("CN-SH", 310000, "上海", "Shanghai", 24870895, "上海", "east"),
    ("CN-JS", 320000, "江苏", "Jiangsu", 84748016, "南京", "east"),
    ("CN-ZJ", 330000, "浙江", "Zhejiang", 64567588, "杭州", "east"),
    ("CN-AH", 340000, "安徽", "Anhui", 61027171, "合肥", "east"),
    ("CN-FJ", 350000, "福建", "Fujian", 41540086, "福州", "east"),
    ("CN-JX", 360000, "江西", "Jiangxi", 45188635, "南昌", "central"),
    ("CN-SD", 370000, "山东", "Shandong", 101527453, "济南", "north"),
    ("CN-HA", 410000, "河南", "Henan", 99365519, "郑州", "central"),
    ("CN-HB", 420000, "湖北", "Hubei", 57752557, "武汉", "central"),
    ("CN-HN", 430000, "湖南", "Hunan", 66444864, "长沙", "central"),
    ("CN-GD", 440000, "广东", "Guangdong", 126012510, "广州", "south"),
    ("CN-GX", 450000, "广西", "Guangxi", 50126804, "南宁", "south"),
    ("CN-HI", 460000, "海南", "Hainan", 10081232, "海口", "south"),
    ("CN-CQ", 500000, "重庆", "Chongqing", 32054159, "重庆", "southwest"),
    ("CN-SC", 510000, "四川", "Sichuan", 83674866, "成都", "southwest"),
    ("CN-GZ", 520000, "贵州", "Guizhou", 38562148, "贵阳", "south"),
    ("CN-YN", 530000, "云南", "Yunnan", 47209277, "昆明", "south"),
    ("CN-XZ", 540000, "西藏", "Tibet", 3648100, "拉萨", "southwest"),
    ("CN-SN", 610000, "陕西", "Shaanxi", 39528999, "西安", "northwest"),
    ("CN-GS", 620000, "甘肃", "Gansu", 25019831, "兰州", "northwest"),
    ("CN-QH", 630000, "青海", "Qinghai", 5923957, "西宁", "northwest"),
    ("CN-NX", 640000, "宁夏", "Ningxia", 7202654, "银川", "northwest"),
    ("CN-XJ", 650000, "新疆", "Xinjiang", 25852345, "乌鲁木齐", "northwest"),
]
CENSUS_NATIONAL_LESS_MILITARY = 1411778724 - 2000000

# Grid factors (kgCO2/kWh), MEE + NBS, location-based; ../shared facts
# standards-and-factors.md sections 7.1-7.3. 2022: 新京报 via
# https://daydaynews.cc/zh-hant/finance/3899452.html ; 2023: 光明日报 via
# https://www.163.com/dy/article/KIQVBKCG05567I2C.html (both C2).
GRIDS = [
    # code, zh, en, 2022, 2023
    ("national", "全国", "national", 0.5366, 0.5306),
    ("north", "华北", "North", 0.6776, 0.6361),
    ("northeast", "东北", "Northeast", 0.5564, 0.5122),
    ("east", "华东", "East", 0.5617, 0.5500),
    ("central", "华中", "Central", 0.5395, 0.5271),
    ("northwest", "西北", "Northwest", 0.5857, 0.5543),
    ("south", "南方", "South", 0.3869, 0.4042),
    ("southwest", "西南", "Southwest", 0.2268, 0.2472),
]

# Provincial factors the facts sheet confirms (status C2: the 2022 announcement's five
# highest and five lowest provinces, daydaynews URL above). The 2023 provincial values
# from a public repository file (status PARTIAL: 北京 0.5554, 上海 0.5737, 江苏 0.5827,
# 浙江 0.4974, 广东 0.4419, 河南 0.5897, 四川 0.1564) are not used: those provinces take
# their regional grid's factor.
PROVINCE_FACTORS = {
    "河北": (2022, 0.7252),
    "山西": (2022, 0.7096),
    "天津": (2022, 0.7041),
    "内蒙古": (2022, 0.6849),
    "安徽": (2022, 0.6782),
    "福建": (2022, 0.4092),
    "广西": (2022, 0.4044),
    "青海": (2022, 0.1567),
    "四川": (2022, 0.1404),
    "云南": (2022, 0.1073),
}
REGION_FACTOR_YEAR = 2023  # latest regional factors

GRID_NOTE = (
    "grid regions: the regional grids of the MEE/NBS factor announcements, seven since the "
    "2021 data (华北 北京 天津 河北 山西 山东 内蒙古; 东北 辽宁 吉林 黑龙江; 华东 上海 江苏 浙江 "
    "安徽 福建; 华中 河南 湖北 湖南 江西; 西北 陕西 甘肃 青海 宁夏 新疆; 南方 广东 广西 云南 贵州 "
    "海南; 西南 四川 重庆 西藏); the announcements' own province lists were not retrieved, so the "
    "mapping is assumed from the grid companies' footprints; eastern Inner Mongolia (蒙东) lies "
    "in the northeast grid, but 内蒙古 has its own provincial factor, so the whole province "
    "is mapped to 华北 without effect on the result")

# GB 50176-2016 zone of each capital: the indicative zone of the CSWD summary, checked
# against the facts sheet's province membership (section 10.2) and the zone's HDD18
# criterion (severe cold >= 3800, cold 2000-3800).
ZONE_CODES = {
    "严寒": "severe_cold",
    "寒冷": "cold",
    "夏热冬冷": "hot_summer_cold_winter",
    "夏热冬暖": "hot_summer_warm_winter",
    "温和": "mild",
}
EPW_CITY = {
    "北京": "Beijing", "天津": "Tianjin", "石家庄": "Shijiazhuang", "太原": "Taiyuan",
    "呼和浩特": "Hohhot", "沈阳": "Shenyang", "长春": "Changchun", "哈尔滨": "Harbin",
    "上海": "Shanghai", "南京": "Nanjing", "杭州": "Hangzhou", "合肥": "Hefei",
    "福州": "Fuzhou", "南昌": "Nanchang", "济南": "Jinan", "郑州": "Zhengzhou",
    "武汉": "Wuhan", "长沙": "Changsha", "广州": "Guangzhou", "南宁": "Nanning",
    "海口": "Haikou", "重庆": "Chongqing", "成都": "Chengdu", "贵阳": "Guiyang",
    "昆明": "Kunming", "拉萨": "Lhasa", "西安": "Xi'an", "兰州": "Lanzhou",
    "西宁": "Xining", "银川": "Yinchuan", "乌鲁木齐": "Urumqi",
}
# GB 50736's rows for these cities carry the city under another station name.
STATION_OVERRIDE = {"上海": "58367", "长沙": "57679"}


def main(shared):
    climate = os.path.join(shared, "climate")
    with open(os.path.join(climate, "design-conditions.csv"), encoding="utf-8") as f:
        stations = list(csv.DictReader(f))
    with open(os.path.join(climate, "epw-summary.csv"), encoding="utf-8") as f:
        epw = {r["city"]: r for r in csv.DictReader(f)}

    total = sum(p[4] for p in PROVINCES)
    if total != CENSUS_NATIONAL_LESS_MILITARY:
        sys.exit(f"population sums to {total}, expected {CENSUS_NATIONAL_LESS_MILITARY}")
    grid_codes = {g[0] for g in GRIDS}

    rows = []
    for iso, adcode, zh, en, pop, capital, grid in PROVINCES:
        if grid not in grid_codes:
            sys.exit(f"{zh}: unknown grid {grid}")
        if capital in STATION_OVERRIDE:
            st = [s for s in stations if s["station_id"] == STATION_OVERRIDE[capital]]
        else:
            st = [s for s in stations if s["province"] == zh and s["city"] == capital
                  and s["station_name"] == capital]
        if len(st) != 1:
            sys.exit(f"{zh}: {len(st)} GB 50736 stations for {capital}")
        s = st[0]
        days = int(s["days_daily_mean_le5"] or 0)
        hdd_hp = round(days * (18.0 - float(s["mean_temp_during_le5_c"]))) if days > 0 else 0
        e = epw[EPW_CITY[capital]]
        if e["gb50736_station"] != s["station_id"]:
            sys.exit(f"{zh}: CSWD file links GB 50736 station {e['gb50736_station']}, "
                     f"not {s['station_id']}")
        zone_zh = e["zone_group"].split(" ")[0]
        zone = ZONE_CODES[zone_zh]
        hdd18 = int(e["hdd18"])
        if zone == "severe_cold" and hdd18 < 3800 or zone == "cold" and not 2000 <= hdd18 < 3800:
            sys.exit(f"{zh}: zone {zone_zh} does not match HDD18 {hdd18}")
        if zh in PROVINCE_FACTORS:
            year, factor = PROVINCE_FACTORS[zh]
            basis, status = "province", "C2"
        else:
            year = REGION_FACTOR_YEAR
            factor = {g[0]: g[4] for g in GRIDS}[grid]
            basis, status = "region", "C2"
        rows.append([iso, adcode, zh, en, pop, s["station_id"], capital, hdd18, hdd_hp, days,
                     s["heating_outdoor_c"], zone, grid, year, f"{factor:.4f}", basis, status,
                     "", ""])

    os.makedirs("data/regions", exist_ok=True)
    with open("data/regions/provinces.csv", "w", encoding="utf-8", newline="") as f:
        f.write(
            "# source: population — National Bureau of Statistics, 第七次全国人口普查公报（第三号）"
            "(2021-05-11) table 3-1, resident population on 2020-11-01, as reproduced at "
            "https://zczxwang.com/news/show-65274.html; degree days — hdd18 from the CSWD "
            "typical year of the capital (China Meteorological Administration and Tsinghua "
            "University, as distributed with EnergyPlus), hdd_heating_period = days with daily "
            "mean <= 5 C x (18 C - their mean temperature), heating_days and "
            "heating_design_temp from GB 50736-2012 Appendix A; climate zone — GB 50176-2016, "
            "zone of the capital; grid factors — MEE and NBS 2022 and 2023 electricity CO2 "
            "factors (see grids.csv), provincial where the 2022 announcement's published "
            "values are confirmed, else the regional grid's 2023 factor\n")
        f.write(f"# note: {GRID_NOTE}\n")
        f.write("# note: share_space_heating_pct and share_hot_water_pct are bottom-up shares "
                "of the national units where provincial data exists (none is shipped); an empty "
                "cell means: allocated by the key (docs/roadmap.md)\n")
        f.write("# generated by scripts/derive_regions.py from ../shared; edit the script, "
                "not this file\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["iso_code", "adcode", "name_zh", "name_en", "population_persons",
                    "station_id", "station", "hdd18_Kd", "hdd_heating_period_Kd",
                    "heating_days_d", "heating_design_temp_C", "climate_zone", "grid_region",
                    "grid_factor_year", "grid_factor_kgCO2_per_kWh", "grid_factor_basis",
                    "grid_factor_status", "share_space_heating_pct", "share_hot_water_pct"])
        w.writerows(rows)

    with open("data/regions/grids.csv", "w", encoding="utf-8", newline="") as f:
        f.write("# source: Ministry of Ecology and Environment and National Bureau of Statistics, "
                "national and regional electricity CO2 emission factors (location-based) for "
                "2022 (announced 2024-12-20; 新京报 via "
                "https://daydaynews.cc/zh-hant/finance/3899452.html) and 2023 (光明日报 via "
                "https://www.163.com/dy/article/KIQVBKCG05567I2C.html); status C2\n")
        f.write("# generated by scripts/derive_regions.py; edit the script, not this file\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["grid_region", "name_zh", "name_en", "factor_2022_kgCO2_per_kWh",
                    "factor_2023_kgCO2_per_kWh"])
        for code, zh, en, f22, f23 in GRIDS:
            w.writerow([code, zh, en, f"{f22:.4f}", f"{f23:.4f}"])


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
