"""One module per page: home, assess (questions and result), diary, insights, settings, accounts."""
