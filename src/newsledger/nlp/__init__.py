"""NLP stages. The model is loaded only through :func:`newsledger.nlp.model.load_model`."""
