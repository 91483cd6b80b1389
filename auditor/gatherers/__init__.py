"""Extra gatherers run in the browser for each page (see auditor/render.py: page_gatherer / viewport_gatherer).

One module per gatherer family; every module in this package is imported by the render stage.
"""
