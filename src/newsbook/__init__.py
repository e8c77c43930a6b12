"""newsbook: how English-language news covers China, Russia and Central Asia.

The package does all the computation behind the book. Data flows one way:

    corpus folder -> :mod:`newsbook.corpus` (decode, validate, metadata)
                  -> :mod:`newsbook.clean` (page furniture removed, with a record)
                  -> :mod:`newsbook.parse` (spaCy, once per article, cached)
                  -> analyses (:mod:`newsbook.sourcing`, :mod:`newsbook.readability`,
                     :mod:`newsbook.quotes`, :mod:`newsbook.figures`)
                  -> :mod:`newsbook.tables` (Parquet + CSV)
                  -> :mod:`newsbook.build` (papermill + Jupyter Book)
"""

__version__ = "0.1.0"
