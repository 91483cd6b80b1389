"""Text analysis for the plain-language and language-of-page checks.

  blocks      HTML (rendered DOM or a file) -> text blocks with selector, inherited `lang`, boilerplate flag
  langid      offline language detection (lingua, Voikko's word knowledge for Finnish)
  tokenize    words and sentences (abbreviations, numbers, list items)
  fi_morph    Voikko readings of Finnish words, cached per word form, chosen in context
  fi / sv / en  per-sentence features of each language
  metrics     readability formulas (LIX, Wiio, OVIX, Flesch, Flesch-Kincaid) as small pure functions
  score       the 0-100 plain-language score and its verbal band
  analysis    one page (or one file) analysed: what the rules and `auditor text` read
"""
