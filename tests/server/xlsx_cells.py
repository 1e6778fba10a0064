"""Prints the cells of an XLSX workbook's first sheet as JSON: a list of rows, each a list of
cells, a text cell as a string and a number cell as {"n": value}; empty cells are "".
Reads the file with the standard library only (zipfile, ElementTree), as any spreadsheet
program would find it: xl/sharedStrings.xml and xl/worksheets/sheet1.xml.
Usage: python3 xlsx_cells.py FILE.xlsx"""
import json
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def column(ref):
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - ord("A") + 1
    return n - 1


def main(path):
    with zipfile.ZipFile(path) as z:
        strings = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
                strings.append("".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")))
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.find("m:sheetData", NS).findall("m:row", NS):
        r = int(row.get("r")) - 1
        while len(rows) <= r:
            rows.append([])
        for c in row.findall("m:c", NS):
            j = column(c.get("r"))
            cells = rows[r]
            while len(cells) <= j:
                cells.append("")
            v = c.find("m:v", NS)
            if c.get("t") == "s":
                cells[j] = strings[int(v.text)]
            elif c.get("t") == "inlineStr":
                cells[j] = "".join(t.text or "" for t in c.iter(f"{{{NS['m']}}}t"))
            elif v is not None:
                cells[j] = {"n": float(v.text)}
    json.dump(rows, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
