"""After-action evaluation (总结评估): what the record says about an incident's handling, measured
(`measures`), the resources it used (`sections`), and the report drawn from them (`document`, `workbook`)."""
