from spasmcare.cli import main

main()
