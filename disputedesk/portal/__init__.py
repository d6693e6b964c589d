"""The customer portal: signed access links and the pages a customer uses through one."""
