"""Scrapy spiders and their settings. Spiders discover and fetch; they do not judge."""
