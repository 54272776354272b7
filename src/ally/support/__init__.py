"""Cases: the client's problems with us, championed inside the company."""
