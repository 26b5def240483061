"""Excel with headquarters (spec/excel.md): the HQ workbook, register imports, the plan round trip, merging."""
