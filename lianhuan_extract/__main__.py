from .cli import main

# guarded: a spawned worker process imports this module again as __mp_main__
if __name__ == "__main__":
    main()
