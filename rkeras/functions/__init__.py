"""R keras model functions, one module per R function, named after it (``rkeras.<name>``)."""
