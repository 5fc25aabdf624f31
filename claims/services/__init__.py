"""Write paths shared by the API, the admin and the commands: every change to the data goes through here."""
